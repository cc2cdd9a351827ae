package negotiation.commands;

import java.time.Instant;

/** Withdraw the sender's own offer or trade. */
public record Withdraw(String roomId, String role, String ref, Instant at) implements RoomCommand {
}
