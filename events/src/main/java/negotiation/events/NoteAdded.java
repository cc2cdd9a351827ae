package negotiation.events;

import java.time.Instant;

/** A free-text note from a party or a mediator (party is then "mediator"). */
public record NoteAdded(String roomId, String party, String text, Instant at) implements RoomEvent {
}
