package negotiation.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds what a client can hold open without asking for anything (docs/security.md). One
 * client address holds at most {@link Limits#connectionsPerAddress()} connections: one over
 * it is closed as it opens, before a byte is read, so a flood of half-sent requests from one
 * address cannot fill the file table while {@code /health} and other clients are served.
 * And a connection must send each request's line and headers within
 * {@link Limits#headSeconds()} of opening or of its previous answer: the read-idle timeout
 * alone restarts with every byte, so a head dribbled a line at a time would hold the
 * connection for as long as the client likes. An upgraded WebSocket leaves the head timer
 * (pings and the idle timeout watch it) but still counts for its address.
 */
final class ConnectionGuard {
    private static final long NO_TIMER = -1;

    private final Vertx vertx;
    private final int perAddress;
    private final long headMillis;
    private final RoomMetrics metrics;
    /** Open connections per client address. */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    /** Each open HTTP connection that is not (yet) a WebSocket. */
    private final Map<HttpConnection, Tracked> tracked = new ConcurrentHashMap<>();

    /** A connection's head timer (NO_TIMER while a request is served) and its place in its address's count. */
    private final class Tracked {
        long timer = NO_TIMER;
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        Tracked(String address) {
            this.address = address;
        }

        /** Gives the connection's place back, once, whichever close (HTTP's or the WebSocket's) comes. */
        void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(address, (key, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    ConnectionGuard(Vertx vertx, Limits limits, RoomMetrics metrics) {
        this.vertx = vertx;
        this.perAddress = limits.connectionsPerAddress();
        this.headMillis = limits.headSeconds() * 1000L;
        this.metrics = metrics;
    }

    /** A new connection: counted for its address, closed at once over the cap, else given its head timer. */
    void connected(HttpConnection connection) {
        Tracked entry = new Tracked(connection.remoteAddress().hostAddress());
        int count = open.merge(entry.address, 1, Integer::sum);
        connection.closeHandler(closed -> {
            entry.release();
            stopTimer(tracked.remove(connection));
        });
        if (perAddress > 0 && count > perAddress) {
            metrics.connectionRefused("per_address");
            connection.close();
            return;
        }
        tracked.put(connection, entry);
        awaitHead(connection);
    }

    /** A request's head arrived: its connection's timer stops until the answer has been sent. */
    void headArrived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Tracked entry = tracked.get(connection);
        if (entry == null) {
            return; // closed meanwhile
        }
        stopTimer(entry);
        request.response().endHandler(sent -> awaitHead(connection));
    }

    /**
     * The connection became a WebSocket: no more request heads are coming, and its HTTP close
     * handler will not run (Netty's pipeline now ends in the socket's handler).
     *
     * @return what the socket must run when it closes, to give the address its place back
     */
    Runnable upgraded(HttpConnection connection) {
        Tracked entry = tracked.remove(connection);
        if (entry == null) {
            return () -> { };
        }
        stopTimer(entry);
        return entry::release;
    }

    private void stopTimer(Tracked entry) {
        if (entry != null && entry.timer != NO_TIMER) {
            vertx.cancelTimer(entry.timer);
            entry.timer = NO_TIMER;
        }
    }

    private void awaitHead(HttpConnection connection) {
        Tracked entry = tracked.get(connection);
        if (entry == null) {
            return; // closed or upgraded meanwhile
        }
        stopTimer(entry);
        entry.timer = vertx.setTimer(headMillis, fired -> {
            if (entry.timer == fired && tracked.get(connection) == entry) {
                metrics.connectionRefused("head_timeout");
                connection.close();
            }
        });
    }
}
