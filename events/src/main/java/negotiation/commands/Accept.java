package negotiation.commands;

import java.time.Instant;

/** Accept the package of a ref. */
public record Accept(String roomId, String role, String ref, Instant at) implements RoomCommand {
}
