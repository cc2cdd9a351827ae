package negotiation.commands;

import java.time.Instant;

/** Narrow the sender's own floor band to {@code band} points from the next round on. */
public record NarrowPrivacy(String roomId, String role, int band, Instant at) implements RoomCommand {
}
