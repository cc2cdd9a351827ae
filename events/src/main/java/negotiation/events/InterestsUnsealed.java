package negotiation.events;

import java.time.Instant;

/** A party let mediators see its interests and utilities, in every view, earlier events included. */
public record InterestsUnsealed(String roomId, String party, Instant at) implements RoomEvent {
}
