package negotiation.web;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may open sockets and send state-changing requests (docs/security.md):
 * the server's own, as the exact {@code scheme://host[:port]} of the request (the scheme is
 * http, or what a TLS proxy states in {@code X-Forwarded-Proto}), and the configured ones.
 * A request with no Origin is not from a page (curl, tools) and is judged by its token alone;
 * a scheme-less or {@code null} Origin matches nothing. Trusting X-Forwarded-Proto from anyone
 * is safe here: a page can set neither it on a WebSocket handshake nor any custom header on a
 * cross-origin request without a preflight, which this server never grants.
 */
final class Origins {
    private final List<String> allowed;

    Origins(List<String> allowed) {
        this.allowed = allowed.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether the request's Origin, if it has one, is allowed. */
    boolean allows(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String normalised = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(normalised)) {
            return true;
        }
        String host = request.getHeader("Host");
        return host != null && normalised.equals(scheme(request) + "://" + host.trim().toLowerCase(Locale.ROOT));
    }

    private static String scheme(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Proto");
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (first.equals("https") || first.equals("http")) {
                return first;
            }
        }
        return "http";
    }
}
