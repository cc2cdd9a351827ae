package negotiation.commands;

import java.time.Instant;
import java.util.List;
import negotiation.events.AgendaChange;

/** Propose to widen the agenda with a list of changes, applied together; reason is optional. */
public record Amend(String roomId, String role, List<AgendaChange> changes, String reason, Instant at)
        implements RoomCommand {
}
