package negotiation.events;

import java.time.Instant;

/**
 * A party chose to have its own floor shown at a finer resolution from the next round on: its band
 * is then at least {@code band} points wide instead of the room's level. Public, since every party is
 * entitled to know the resolution it is shown.
 */
public record PrivacyNarrowed(String roomId, String party, int band, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "PrivacyNarrowed";

    @Override
    public String kind() {
        return KIND;
    }
}
