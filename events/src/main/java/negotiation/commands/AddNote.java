package negotiation.commands;

import java.time.Instant;

/** Add a free-text note to the room's log. */
public record AddNote(String roomId, String role, String text, Instant at) implements RoomCommand {
}
