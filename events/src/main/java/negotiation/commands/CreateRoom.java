package negotiation.commands;

import java.time.Instant;
import java.util.Map;
import negotiation.events.Agenda;

/** Open a room on an agenda; tokenHashes maps each role to the SHA-256 of its invite token. */
public record CreateRoom(String roomId, String role, Agenda agenda, Map<String, String> tokenHashes, Instant at)
        implements RoomCommand {
}
