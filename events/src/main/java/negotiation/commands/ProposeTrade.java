package negotiation.commands;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import negotiation.events.Term;

/** Propose a conditional trade on the package of ref {@code on}: move to give if the others move to get. */
public record ProposeTrade(String roomId, String role, String on, Map<String, Object> give, Map<String, Object> get,
                           List<Term> terms, Instant at) implements RoomCommand {
}
