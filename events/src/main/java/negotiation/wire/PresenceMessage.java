package negotiation.wire;

import java.util.Map;

/**
 * Server to client (protocol 1.1): which parties have at least one open socket that said
 * hello, and how many mediator sockets did; live only, never in the log, nothing private.
 */
public record PresenceMessage(String type, Map<String, Boolean> parties, int mediators) {
    public PresenceMessage(Map<String, Boolean> parties, int mediators) {
        this("presence", parties, mediators);
    }
}
