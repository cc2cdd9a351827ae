package negotiation.commands;

import java.time.Instant;
import negotiation.events.Interests;

/**
 * Enter or replace the sender's private interests; seed drives the round's draw if one follows;
 * salt (chosen outside the aggregate) opens the commitment that the hash chain covers.
 */
public record SubmitInterests(String roomId, String role, Interests interests, long seed, Instant at, String salt)
        implements RoomCommand {
    /** Without a salt: the event then carries no commitment. */
    public SubmitInterests(String roomId, String role, Interests interests, long seed, Instant at) {
        this(roomId, role, interests, seed, at, null);
    }
}
