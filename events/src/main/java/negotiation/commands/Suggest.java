package negotiation.commands;

import negotiation.events.Package;
import java.time.Instant;
import java.util.List;
import negotiation.events.Term;

/** A mediator's proposal: a complete package, optional terms and an optional explaining text. */
public record Suggest(String roomId, String role, Package pkg, List<Term> terms, String text, Instant at)
        implements RoomCommand {
}
