package negotiation.commands;

import negotiation.events.Package;
import java.time.Instant;
import java.util.List;
import negotiation.events.Term;

/** Propose a conditional trade on the package of ref {@code on}: move to give if the others move to get. */
public record ProposeTrade(String roomId, String role, String on, Package give, Package get,
                           List<Term> terms, Instant at) implements RoomCommand {
}
