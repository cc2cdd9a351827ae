package negotiation.events;

import java.time.Instant;

/** A party accepted the package of a ref (offer, trade or proposal). */
public record Accepted(String roomId, String ref, String party, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "Accepted";

    @Override
    public String kind() {
        return KIND;
    }
}
