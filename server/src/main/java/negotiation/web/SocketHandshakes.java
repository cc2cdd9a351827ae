package negotiation.web;

import io.vertx.core.http.HttpServerRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import negotiation.room.RoomRejection;

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
    private final Origins origins;
    private final ConnectionGuard guard;
    private final SocketsPerToken perToken = new SocketsPerToken();

    SocketHandshakes(Rooms rooms, RateLimiter rateLimiter, Limits limits, RoomMetrics metrics, Origins origins,
                     ConnectionGuard guard) {
        this.rooms = rooms;
        this.rateLimiter = rateLimiter;
        this.limits = limits;
        this.metrics = metrics;
        this.origins = origins;
        this.guard = guard;
    }

    /**
     * An upgrade request, taken as a plain request (its answer already carries the security
     * headers) so that a refusal is an ordinary JSON error answer with them.
     */
    void handshake(HttpServerRequest request) {
        Matcher path = SOCKET_PATH.matcher(request.path());
        if (!path.matches()) {
            FrontDoor.refuse(request, RoomRejection.notFound("no such socket endpoint"), metrics);
            return;
        }
        if (!origins.allows(request)) {
            FrontDoor.refuse(request, RoomRejection.forbidden("a page from this origin may not open a socket here"),
                    metrics);
            return;
        }
        String roomId = path.group(1);
        String token;
        try {
            token = socketToken(request);
        } catch (IllegalArgumentException malformed) {
            FrontDoor.refuse(request, RoomRejection.badRequest(malformed.getMessage()), metrics);
            return;
        }
        if (token == null) {
            // No token in the handshake: the socket's first frame must be auth{token}.
            accept(request, roomId, null);
            return;
        }
        request.pause(); // until the token is checked; toWebSocket() reads on
        rooms.authorize(roomId, token).onSuccess(access -> {
            if (!perToken.tryOpen(roomId, access.viewer().role())) {
                FrontDoor.refuse(request, SocketsPerToken.tooMany(), metrics);
                return;
            }
            accept(request, roomId, access.viewer());
        }).onFailure(failure -> FrontDoor.refuse(request, failure, metrics));
    }

    /** Upgrades the request; a socket with a viewer has been counted for its token already. */
    private void accept(HttpServerRequest request, String roomId, negotiation.readmodel.Viewer viewer) {
        io.vertx.core.http.HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(socket -> new RoomSocket(socket, rooms, roomId, viewer, rateLimiter, limits,
                        metrics, perToken).start(guard.upgraded(connection))).onFailure(failed -> {
            if (viewer != null) {
                perToken.closed(roomId, viewer.role());
            }
        });
    }

    /**
     * The token of a socket handshake: the subprotocol {@code token.<token>} offered beside
     * {@link #SUBPROTOCOL} (which the server selects, so the token is never echoed), else
     * {@code ?token=} (v1 clients); null when neither is there.
     *
     * @throws IllegalArgumentException for a malformed query, or a token subprotocol offered alone
     */
    private static String socketToken(HttpServerRequest handshake) {
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
        List<String> tokens;
        try {
            tokens = new QueryStringDecoder(handshake.uri()).parameters().get("token");
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("the query string is malformed");
        }
        return tokens == null ? null : tokens.get(0);
    }
}
