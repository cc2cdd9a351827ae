package negotiation.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import negotiation.room.RoomRejection;
import negotiation.wire.ErrorBody;

/**
 * Every request passes here before the router (docs/security.md): its answer gets the security
 * headers, its connection's head timer stops, and what HTTP or this server refuses outright is
 * answered here with a JSON error and nothing logged: a malformed Host or query string (400), a
 * state-changing request from a foreign page (403), a WebSocket upgrade the room refuses.
 */
final class FrontDoor {
    private final SecurityHeaders securityHeaders;
    private final ConnectionGuard guard;
    private final Origins origins;
    private final SocketHandshakes sockets;
    private final Router router;
    private final RoomMetrics metrics;

    FrontDoor(SecurityHeaders securityHeaders, ConnectionGuard guard, Origins origins, SocketHandshakes sockets,
              Router router, RoomMetrics metrics) {
        this.securityHeaders = securityHeaders;
        this.guard = guard;
        this.origins = origins;
        this.sockets = sockets;
        this.router = router;
        this.metrics = metrics;
    }

    void handle(HttpServerRequest request) {
        guard.headArrived(request);
        securityHeaders.apply(request);
        RoomRejection refused = refusal(request);
        if (refused != null) {
            refuse(request, refused, metrics);
        } else if (request.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
            sockets.handshake(request);
        } else {
            router.handle(request);
        }
    }

    /** Netty could not parse the request (a line or headers too long, bad framing): its own status, with the headers. */
    void invalid(HttpServerRequest request) {
        guard.headArrived(request);
        securityHeaders.apply(request);
        HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
    }

    private RoomRejection refusal(HttpServerRequest request) {
        // Vert.x Web fails on a Host it cannot parse with an exception, which would be answered 500
        // and logged: anyone could fill the log. A name, IPv4 or [IPv6] address and a port, or nothing.
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null ? request.version() == HttpVersion.HTTP_1_1 : !SecurityHeaders.isHost(host)) {
            return RoomRejection.badRequest("the Host header is missing or malformed: a name or address and a port");
        }
        // A malformed %-escape makes Vert.x Web log the whole URI, token included.
        try {
            request.params();
        } catch (RuntimeException malformed) {
            return RoomRejection.badRequest("the query string is malformed");
        }
        // A page may send a simple POST (text/plain, a form) anywhere without a preflight; only
        // pages of allowed origins may change anything. Clients that send no Origin are not pages.
        HttpMethod method = request.method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS
                && !origins.allows(request)) {
            return RoomRejection.forbidden("a page from this origin may not send " + method + " requests here");
        }
        return null;
    }

    /** Answers a refused request with its error's status and JSON body; the security headers are already set. */
    static void refuse(HttpServerRequest request, Throwable failure, RoomMetrics metrics) {
        RoomRejection rejection = failure instanceof RoomRejection r ? r
                : new RoomRejection("internal", "the server could not complete this request");
        metrics.error(rejection.code());
        request.resume();
        request.response().setStatusCode(ErrorStatus.of(rejection))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(WebJson.encode(ErrorBody.of(rejection.code(), rejection.getMessage())));
    }
}
