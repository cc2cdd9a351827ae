package negotiation.commands;

import java.time.Instant;

/** Let mediators see the sender's interests and utilities. */
public record UnsealInterests(String roomId, String role, Instant at) implements RoomCommand {
}
