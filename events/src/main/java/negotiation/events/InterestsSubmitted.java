package negotiation.events;

import java.time.Instant;

/** A party entered (or replaced) its private interests; version counts its submissions. */
public record InterestsSubmitted(String roomId, String party, int version, Interests interests, Instant at)
        implements RoomEvent {
}
