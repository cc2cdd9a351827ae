package negotiation.events;

import java.time.Instant;

/** A party withdrew its own offer or trade: the ref can no longer be accepted. */
public record Withdrawn(String roomId, String ref, String party, Instant at) implements RoomEvent {
}
