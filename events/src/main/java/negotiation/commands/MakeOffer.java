package negotiation.commands;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.events.Term;

/** Offer a complete package, with optional contingent terms. */
public record MakeOffer(String roomId, String role, Map<String, Object> pkg, List<Term> terms, Instant at)
        implements RoomCommand {
}
