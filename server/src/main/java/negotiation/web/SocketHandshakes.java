package negotiation.web;

import io.vertx.core.http.ServerWebSocketHandshake;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a room's WebSocket: the path names the room, a browser's Origin must be the server's own
 * or an allowed one, and the token (a subprotocol, the query, or the socket's first frame) opens
 * the room for one role.
 */
final class SocketHandshakes {
    /** The subprotocol the server selects; a token is offered beside it as {@code token.<token>}. */
    static final String SUBPROTOCOL = "negotiation.v1";
    static final String TOKEN_SUBPROTOCOL = "token.";
    private static final Pattern SOCKET_PATH = Pattern.compile("/ws/rooms/([^/]+)");

    private final Rooms rooms;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final RoomMetrics metrics;

    SocketHandshakes(Rooms rooms, RateLimiter rateLimiter, Limits limits, RoomMetrics metrics) {
        this.rooms = rooms;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.metrics = metrics;
    }

    void handshake(ServerWebSocketHandshake handshake) {
        Matcher path = SOCKET_PATH.matcher(handshake.path());
        if (!path.matches()) {
            handshake.reject(404);
            return;
        }
        String origin = handshake.headers().get("Origin");
        if (origin != null && !originAllowed(origin, handshake.headers().get("Host"))) {
            handshake.reject(403);
            return;
        }
        String roomId = path.group(1);
        String token;
        try {
            token = socketToken(handshake);
        } catch (IllegalArgumentException malformed) {
            handshake.reject(400);
            return;
        }
        if (token == null) {
            // No token in the handshake: the socket's first frame must be auth{token}.
            handshake.accept().onSuccess(socket -> new RoomSocket(socket, rooms, roomId, null, rateLimiter,
                    limits, metrics).start());
            return;
        }
        rooms.authorize(roomId, token).onSuccess(access -> handshake.accept()
                        .onSuccess(socket -> new RoomSocket(socket, rooms, roomId, access.viewer(), rateLimiter,
                                limits, metrics).start()))
                .onFailure(failure -> handshake.reject(ErrorStatus.of(failure)));
    }

    /**
     * The token of a socket handshake: the subprotocol {@code token.<token>} offered beside
     * {@link #SUBPROTOCOL} (which the server selects, so the token is never echoed), else
     * {@code ?token=} (v1 clients); null when neither is there.
     *
     * @throws IllegalArgumentException for a malformed query, or a token subprotocol offered alone
     */
    private static String socketToken(ServerWebSocketHandshake handshake) {
        List<String> offered = handshake.headers().getAll("Sec-WebSocket-Protocol").stream()
                .flatMap(header -> java.util.Arrays.stream(header.split(",")))
                .map(String::trim)
                .toList();
        for (String protocol : offered) {
            if (protocol.startsWith(TOKEN_SUBPROTOCOL)) {
                // Without a subprotocol to select, a browser would fail the handshake, and Netty
                // would log the offered ones (token included) at debug level.
                if (!offered.contains(SUBPROTOCOL)) {
                    throw new IllegalArgumentException("a token subprotocol needs " + SUBPROTOCOL + " beside it");
                }
                return protocol.substring(TOKEN_SUBPROTOCOL.length());
            }
        }
        List<String> tokens = new QueryStringDecoder(handshake.uri()).parameters().get("token");
        return tokens == null ? null : tokens.get(0);
    }

    /**
     * A browser may open sockets from the server's own origin or an allowed one; clients
     * that send no Origin (not browsers) are judged by their token alone.
     */
    private boolean originAllowed(String origin, String host) {
        if (limits.allowedOrigins().contains(origin)) {
            return true;
        }
        String sameOrigin = origin.replaceFirst("^https?://", "");
        return host != null && sameOrigin.equalsIgnoreCase(host);
    }

}
