package negotiation.events;

import java.time.Instant;

/**
 * A party asked for its private data to be erased: its key was destroyed, so its interests
 * read as erased in every replay, while the public log stays intact.
 */
public record PrivateDataErased(String roomId, String party, Instant at) implements RoomEvent {
}
