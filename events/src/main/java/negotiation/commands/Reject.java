package negotiation.commands;

import java.time.Instant;

/** Reject the package of a ref, optionally with a reason. */
public record Reject(String roomId, String role, String ref, String reason, Instant at) implements RoomCommand {
}
