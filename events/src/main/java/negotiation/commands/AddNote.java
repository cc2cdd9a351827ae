package negotiation.commands;

import java.time.Instant;

/**
 * Add a free-text note to the room's log; with {@code to}, a caucus note whose text only its
 * author, the addressee and mediators read. salt (chosen outside the aggregate) opens the
 * commitment to a caucus text that the hash chain covers.
 */
public record AddNote(String roomId, String role, String text, Instant at, String to, String salt)
        implements RoomCommand {
    /** A note to the whole room. */
    public AddNote(String roomId, String role, String text, Instant at) {
        this(roomId, role, text, at, null, null);
    }
}
