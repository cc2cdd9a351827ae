package negotiation.events;

import java.time.Instant;

/** A party let mediators see its interests and utilities, in every view, earlier events included. */
public record InterestsUnsealed(String roomId, String party, Instant at) implements RoomEvent {
    /** The event's stable name on the wire and in the hash chain; never derived from the class name. */
    public static final String KIND = "InterestsUnsealed";

    @Override
    public String kind() {
        return KIND;
    }
}
