package negotiation.commands;

import negotiation.events.Package;
import java.time.Instant;
import java.util.List;
import negotiation.events.Term;

/** Offer a complete package, with optional contingent terms. */
public record MakeOffer(String roomId, String role, Package pkg, List<Term> terms, Instant at)
        implements RoomCommand {
}
