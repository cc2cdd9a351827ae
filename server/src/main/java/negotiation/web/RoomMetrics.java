package negotiation.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The room server's own metrics, beside Vert.x's, in one Prometheus registry served at
 * /metrics. Labels are message types and error codes only: never rooms, roles or tokens.
 */
public final class RoomMetrics {
    private final PrometheusMeterRegistry registry;
    private final AtomicInteger openSockets = new AtomicInteger();
    private final Timer ackLatency;

    public RoomMetrics(PrometheusMeterRegistry registry, Supplier<Number> roomsLoaded) {
        this.registry = registry;
        this.ackLatency = Timer.builder("rooms_ack_latency")
                .description("time from a command's arrival to its durable ack")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("rooms_open_sockets", openSockets, AtomicInteger::get)
                .description("WebSockets open now").register(registry);
        Gauge.builder("rooms_loaded", roomsLoaded, s -> s.get().doubleValue())
                .description("room histories held in memory").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    void command(String type) {
        Counter.builder("rooms_commands").tag("type", type).description("commands received").register(registry)
                .increment();
    }

    void error(String code) {
        Counter.builder("rooms_errors").tag("code", code).description("errors answered, by protocol code")
                .register(registry).increment();
    }

    /** A connection closed by {@link ConnectionGuard}: over its address's cap, or its request head too slow. */
    void connectionRefused(String reason) {
        Counter.builder("rooms_connections_closed").tag("reason", reason)
                .description("connections closed over the per-address cap or for a slow request head")
                .register(registry).increment();
    }

    void acked(long startNanos) {
        ackLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void socketOpened() {
        openSockets.incrementAndGet();
    }

    void socketClosed() {
        openSockets.decrementAndGet();
    }
}
