package negotiation.events;

import java.time.Instant;

/** A party withdrew its own offer or trade: the ref can no longer be accepted. */
public record Withdrawn(String roomId, String ref, String party, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "Withdrawn";

    @Override
    public String kind() {
        return KIND;
    }
}
