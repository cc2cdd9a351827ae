package negotiation.commands;

import java.time.Instant;
import java.util.Map;
import negotiation.events.Agenda;
import negotiation.events.PrivacyLevel;

/**
 * Open a room on an agenda; tokenHashes maps each role to the SHA-256 of its invite token.
 *
 * @param privacy the room's privacy level; null for the default
 * @param names   display names by party id, for any of the parties; null or missing entries for none
 */
public record CreateRoom(String roomId, String role, Agenda agenda, Map<String, String> tokenHashes, Instant at,
                         PrivacyLevel privacy, Map<String, String> names) implements RoomCommand {
    /** A room at the default privacy level, each party named by its id. */
    public CreateRoom(String roomId, String role, Agenda agenda, Map<String, String> tokenHashes, Instant at) {
        this(roomId, role, agenda, tokenHashes, at, null, null);
    }
}
