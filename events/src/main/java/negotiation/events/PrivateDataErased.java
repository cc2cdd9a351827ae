package negotiation.events;

import java.time.Instant;

/**
 * A party asked for its private data to be erased: its key was destroyed, so its interests
 * read as erased in every replay, while the public log stays intact.
 */
public record PrivateDataErased(String roomId, String party, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "PrivateDataErased";

    @Override
    public String kind() {
        return KIND;
    }
}
