package negotiation;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import negotiation.room.RoomHistories;
import negotiation.store.AxonRoomStore;
import negotiation.store.DataDirectoryLock;
import negotiation.web.Limits;
import negotiation.web.RoomMetrics;
import negotiation.web.RoomServer;

/** A running room server: the data directory's lock, the event store, and Vert.x serving HTTP and WebSocket. */
public final class Server implements AutoCloseable {
    // Axon logs every refused room creation as a warning; a refusal is an answer to the client, not a server fault.
    private static final java.util.logging.Logger AXON_REPOSITORY =
            java.util.logging.Logger.getLogger("org.axonframework.modelling.command.AbstractRepository");

    static {
        AXON_REPOSITORY.setLevel(java.util.logging.Level.SEVERE);
    }

    private final DataDirectoryLock lock;
    private final AxonRoomStore store;
    private final Vertx vertx;
    private final int port;

    private Server(DataDirectoryLock lock, AxonRoomStore store, Vertx vertx, int port) {
        this.lock = lock;
        this.store = store;
        this.vertx = vertx;
        this.port = port;
    }

    /** Starts on the given settings and returns once the server listens. */
    public static Server start(Settings settings) throws Exception {
        DataDirectoryLock lock = DataDirectoryLock.acquire(settings.data());
        AxonRoomStore store = null;
        Vertx vertx = null;
        try {
            store = AxonRoomStore.open(settings.data(), settings.snapshotEvery());
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            vertx = Vertx.builder()
                    .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .build();
            RoomHistories histories = new RoomHistories(store);
            RoomServer web = new RoomServer(histories, store, settings.port(), settings.limits(),
                    new RoomMetrics(registry, histories::size));
            vertx.deployVerticle(web).await();
            return new Server(lock, store, vertx, web.actualPort());
        } catch (Exception | Error e) {
            if (vertx != null) {
                vertx.close().await();
            }
            if (store != null) {
                store.close();
            }
            lock.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port + "/";
    }

    @Override
    public void close() throws Exception {
        vertx.close().await();
        store.close();
        lock.close();
    }

    /** Where and how the server runs. */
    public record Settings(int port, Path data, int snapshotEvery, Limits limits) {
        public Settings(int port, Path data, int snapshotEvery) {
            this(port, data, snapshotEvery, Limits.DEFAULTS);
        }
    }
}
