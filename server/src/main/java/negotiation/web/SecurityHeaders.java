package negotiation.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The headers every HTTP answer carries, API and static files alike: a Content Security
 * Policy whose {@code connect-src} names only this server (its page origin and the
 * WebSocket origins of the Host it was reached at) and the configured allowed origins, no
 * framing by any page, no MIME sniffing, no Referer.
 */
final class SecurityHeaders {
    /** A Host header or an origin's host that is safe to copy into a header: name or IPv4 or [IPv6], optional port. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");
    private static final Pattern ORIGIN = Pattern.compile("(https?)://(" + HOST.pattern() + ")");

    /** The allowed origins' sources for connect-src: each origin and its WebSocket twin. */
    private final List<String> allowedSources = new ArrayList<>();

    SecurityHeaders(List<String> allowedOrigins) {
        for (String origin : allowedOrigins) {
            var match = ORIGIN.matcher(origin);
            // An origin that could break out of the header (spaces, ';') is left out, never copied.
            if (match.matches()) {
                allowedSources.add(origin);
                allowedSources.add((match.group(1).equals("https") ? "wss://" : "ws://") + match.group(2));
            }
        }
    }

    /** Whether a Host header is a name or IPv4 or [IPv6] address with an optional port. */
    static boolean isHost(String host) {
        return HOST.matcher(host).matches();
    }

    void apply(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader("Content-Security-Policy", contentSecurityPolicy(request.getHeader("Host")))
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
    }

    /**
     * The policy for a request that reached the server as {@code host}. Both ws: and wss:
     * of that host are listed: behind a TLS proxy the server sees plain HTTP while the page
     * uses wss:, and a ws: connection from an https page is blocked by the browser anyway.
     * A missing or malformed Host gets 'self' alone.
     */
    String contentSecurityPolicy(String host) {
        StringBuilder connect = new StringBuilder("'self'");
        if (host != null && isHost(host)) {
            connect.append(" ws://").append(host).append(" wss://").append(host);
        }
        allowedSources.forEach(source -> connect.append(' ').append(source));
        return "default-src 'self'; connect-src " + connect + "; img-src 'self' data: blob:; style-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
