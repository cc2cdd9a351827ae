package negotiation.events;

import java.time.Instant;
import java.util.Map;

/**
 * A room was opened with its agenda. The invite tokens are kept only as SHA-256 hashes,
 * role name to hex digest; they never leave the server.
 */
public record RoomCreated(String roomId, Agenda agenda, Map<String, String> tokenHashes, Instant at)
        implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "RoomCreated";

    @Override
    public String kind() {
        return KIND;
    }
}
