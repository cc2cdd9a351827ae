package negotiation.web;

import java.util.List;

/**
 * How much one client may ask of the server: a rate per token (room and role), an idle
 * timeout for sockets that stop answering pings, how long a socket may leave its write
 * queue full, which browser origins may open sockets, how many connections one address may
 * hold and how long a connection may take to send a request's head (docs/security.md).
 *
 * @param ratePerSecond  sustained messages and API requests per second per token
 * @param burst          how many may come at once before the rate applies
 * @param idleSeconds    a connection with nothing read for this long is closed; sockets are pinged at a third of it
 * @param slowSeconds    a socket whose write queue stays full this long is closed (slow consumer)
 * @param allowedOrigins browser origins allowed besides the server's own; empty means same origin only
 * @param connectionsPerAddress open connections one client address may hold (HTTP and WebSocket); 0 means no cap
 * @param headSeconds    a connection must send each request's line and headers (a WebSocket handshake
 *                       included) within this many seconds of opening or of its previous answer
 */
public record Limits(int ratePerSecond, int burst, int idleSeconds, int slowSeconds, List<String> allowedOrigins,
                     int connectionsPerAddress, int headSeconds) {
    public static final int DEFAULT_CONNECTIONS_PER_ADDRESS = 100;
    public static final int DEFAULT_HEAD_SECONDS = 10;
    public static final Limits DEFAULTS = new Limits(50, 200, 90, 30, List.of(), DEFAULT_CONNECTIONS_PER_ADDRESS,
            DEFAULT_HEAD_SECONDS);

    /**
     * These limits with the default head timeout and no cap per address: what load tests and
     * benchmarks use, which open thousands of connections from this one machine.
     */
    public Limits(int ratePerSecond, int burst, int idleSeconds, int slowSeconds, List<String> allowedOrigins) {
        this(ratePerSecond, burst, idleSeconds, slowSeconds, allowedOrigins, 0, DEFAULT_HEAD_SECONDS);
    }
}
