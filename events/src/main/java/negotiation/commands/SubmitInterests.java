package negotiation.commands;

import java.time.Instant;
import negotiation.events.Interests;

/** Enter or replace the sender's private interests; seed drives the round's draw if one follows. */
public record SubmitInterests(String roomId, String role, Interests interests, long seed, Instant at)
        implements RoomCommand {
}
