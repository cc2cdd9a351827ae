package negotiation.web;

import java.util.List;

/**
 * How much one client may ask of the server: a rate per token (room and role), an idle
 * timeout for sockets that stop answering pings, how long a socket may leave its write
 * queue full, and which browser origins may open sockets.
 *
 * @param ratePerSecond  sustained messages and API requests per second per token
 * @param burst          how many may come at once before the rate applies
 * @param idleSeconds    a connection with nothing read for this long is closed; sockets are pinged at a third of it
 * @param slowSeconds    a socket whose write queue stays full this long is closed (slow consumer)
 * @param allowedOrigins browser origins allowed besides the server's own; empty means same origin only
 */
public record Limits(int ratePerSecond, int burst, int idleSeconds, int slowSeconds, List<String> allowedOrigins) {
    public static final Limits DEFAULTS = new Limits(50, 200, 90, 30, List.of());
}
