package negotiation.events;

import java.time.Instant;

/** A party accepted the package of a ref (offer, trade or proposal). */
public record Accepted(String roomId, String ref, String party, Instant at) implements RoomEvent {
}
