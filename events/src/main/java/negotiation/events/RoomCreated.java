package negotiation.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A room was opened with its agenda. The invite tokens are kept only as SHA-256 hashes,
 * role name to hex digest; they never leave the server.
 *
 * @param privacy the room's privacy level; null in rooms created before levels existed (they used
 *                {@link PrivacyLevel#DEFAULT})
 * @param names   each party's display name by party id, every party filled in; null in rooms created
 *                before names existed (each party's name is then its id)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomCreated(String roomId, Agenda agenda, Map<String, String> tokenHashes, Instant at,
                          PrivacyLevel privacy, Map<String, String> names) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "RoomCreated";

    @Override
    public String kind() {
        return KIND;
    }

    /** A room as created before privacy levels and display names existed. */
    public RoomCreated(String roomId, Agenda agenda, Map<String, String> tokenHashes, Instant at) {
        this(roomId, agenda, tokenHashes, at, null, null);
    }

    /** The level in force: the recorded one, else the default that rooms used before levels existed. */
    public PrivacyLevel privacyInForce() {
        return privacy == null ? PrivacyLevel.DEFAULT : privacy;
    }
}
