package negotiation.commands;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.events.Term;

/** A mediator's proposal: a complete package, optional terms and an optional explaining text. */
public record Suggest(String roomId, String role, Map<String, Object> pkg, List<Term> terms, String text, Instant at)
        implements RoomCommand {
}
