package negotiation.commands;

import java.time.Instant;

/** Record in the log that the sender's private data is being erased (its key is destroyed right after). */
public record ErasePrivateData(String roomId, String role, Instant at) implements RoomCommand {
}
