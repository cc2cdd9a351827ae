package negotiation.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Each open HTTP connection (not yet a WebSocket) and its head timer, or NO_TIMER while a request is served. */
    private final Map<HttpConnection, Long> heads = new ConcurrentHashMap<>();

    ConnectionGuard(Vertx vertx, Limits limits, RoomMetrics metrics) {
        this.vertx = vertx;
        this.perAddress = limits.connectionsPerAddress();
        this.headMillis = limits.headSeconds() * 1000L;
        this.metrics = metrics;
    }

    /** A new connection: counted for its address, closed at once over the cap, else given its head timer. */
    void connected(HttpConnection connection) {
        String address = connection.remoteAddress().hostAddress();
        int count = open.merge(address, 1, Integer::sum);
        connection.closeHandler(closed -> {
            open.computeIfPresent(address, (key, n) -> n == 1 ? null : n - 1);
            Long timer = heads.remove(connection);
            if (timer != null) {
                vertx.cancelTimer(timer);
            }
        });
        if (perAddress > 0 && count > perAddress) {
            metrics.connectionRefused("per_address");
            connection.close();
            return;
        }
        heads.put(connection, NO_TIMER);
        awaitHead(connection);
    }

    /** A request's head arrived: its connection's timer stops until the answer has been sent. */
    void headArrived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Long timer = heads.replace(connection, NO_TIMER);
        if (timer == null) {
            return; // a WebSocket's, or one closed meanwhile
        }
        if (timer != NO_TIMER) {
            vertx.cancelTimer(timer);
        }
        request.response().endHandler(sent -> awaitHead(connection));
    }

    /** The connection became a WebSocket: no more request heads are coming. */
    void upgraded(HttpConnection connection) {
        Long timer = heads.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void awaitHead(HttpConnection connection) {
        long timer = vertx.setTimer(headMillis, fired -> {
            if (heads.remove(connection, fired)) {
                metrics.connectionRefused("head_timeout");
                connection.close();
            }
        });
        if (heads.replace(connection, NO_TIMER, timer)) {
            return;
        }
        vertx.cancelTimer(timer); // closed or upgraded meanwhile
    }
}
