package negotiation.wire.analysis;

import java.util.List;
import java.util.Map;

/**
 * A session's figures for a mediator's review (HTTP {@code GET /api/rooms/{id}/analysis}), computed
 * only from the events one viewer was given: a party's hold its own utilities, a mediator's
 * those of the parties who unsealed ({@code visible}).
 *
 * @param startedAt             null before the room's first event
 * @param timeToAgreementMillis from the first event to the agreement in force; null without one
 * @param agreement             the agreement in force (the latest); null without one
 * @param agreements            every agreement in order, each replaced one naming its successor
 * @param concessions           every offer, trade and suggestion, each against its author's previous position
 * @param utilityPaths          per visible party, its utility of each package put on the table
 * @param jointGain             null without an agreement or without a visible party
 */
public record SessionFigures(String roomId, String role, long seq, String head, List<String> parties,
                             List<String> visible, String startedAt, Long timeToAgreementMillis,
                             AgreedFigures agreement, List<AgreedFigures> agreements, int rounds, Map<String, MoveCounts> moves, List<Move> concessions,
                             Map<String, List<PathPoint>> utilityPaths, JointGain jointGain) {
}
