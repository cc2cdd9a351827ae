package negotiation.mediation;

import static negotiation.mediation.Timeline.percent;
import static negotiation.mediation.Timeline.pkg;
import static negotiation.mediation.Timeline.signed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import negotiation.wire.analysis.AgreedFigures;
import negotiation.wire.analysis.JointGain;
import negotiation.wire.analysis.Move;
import negotiation.wire.analysis.MoveCounts;
import negotiation.wire.analysis.SessionFigures;

/** The analysis in a terminal's words: each move's lines and the closing summary (docs/analysis.md). */
final class TimelineSummary {
    private TimelineSummary() {
    }

    /** A move against its author's previous position: one line per change, then the total, per party. */
    static String move(Move move, Map<String, String> names) {
        String who = TimelineWords.name(names, move.party());
        if (move.previous() == null) {
            return "first position of " + who + " (nothing to compare with yet)";
        }
        List<String> lines = new ArrayList<>();
        for (Move.Change c : move.changes()) {
            String what = c.from() == null
                    ? c.issue() + " added to the agenda since " + move.previous() + ", now " + c.to()
                    : c.issue() + " " + c.from() + " -> " + c.to();
            lines.add(what + worths(c.worths(), names));
        }
        if (move.revalued() != null) {
            lines.add("the change of interests since " + move.previous() + worths(move.revalued(), names));
        }
        String total = move.deltas() == null || move.deltas().isEmpty() ? ""
                : "; in all" + worths(move.deltas(), names);
        return "against " + who + "'s previous position " + move.previous() + ": "
                + (lines.isEmpty() ? "no change" : String.join("; ", lines)) + total;
    }

    private static String worths(Map<String, Integer> byParty, Map<String, String> names) {
        if (byParty == null || byParty.isEmpty()) {
            return "";
        }
        return byParty.entrySet().stream().map(e -> TimelineWords.name(names, e.getKey()) + " " + signed(e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    static String of(SessionFigures a, Map<String, String> names) {
        StringBuilder out = new StringBuilder("Summary\n");
        out.append("  rounds: ").append(a.rounds()).append(" (a round that found no package counts too)\n");
        if (a.agreement() == null) {
            out.append("  no agreement\n");
        }
        for (AgreedFigures agreed : a.agreements()) {
            out.append("  agreement on ").append(agreed.ref()).append(" at event ").append(agreed.seq()).append(", ")
                    .append(TimelineWords.duration(agreed.millisFromStart())).append(" after the start")
                    .append(agreed.replaces() == null ? "" : ", replacing " + agreed.replaces())
                    .append(agreed.replacedBy() == null ? " (in force)" : " (replaced by " + agreed.replacedBy() + ")")
                    .append(": ").append(pkg(agreed.pkg())).append(TimelineWords.terms(agreed.terms())).append('\n');
        }
        a.moves().forEach((party, n) -> out.append("  ").append(TimelineWords.name(names, party)).append(": ")
                .append(counts(n)).append('\n'));
        JointGain gain = a.jointGain();
        if (gain != null) {
            out.append("  joint gain, each package valued as the utility paths value it (the agreement and the middle "
                    + "package on agenda version ").append(gain.agendaVersion()).append(", interests ")
                    .append(gain.interests().entrySet().stream().map(e -> TimelineWords.name(names, e.getKey())
                            + " version " + e.getValue()).collect(Collectors.joining(", "))).append("):\n");
            JointGain.Baseline agreed = gain.agreement();
            out.append("    agreement in force ").append(agreed.ref()).append(": ").append(utilities(agreed, names))
                    .append('\n');
            for (JointGain.Baseline first : gain.firstOffers()) {
                out.append("    ").append(TimelineWords.name(names, first.party())).append("'s first position ")
                        .append(first.ref()).append(" (valued when it was made): ").append(utilities(first, names))
                        .append(gainText(first)).append('\n');
            }
            JointGain.Baseline middle = gain.split();
            out.append("    the middle package, every issue at its middle option (").append(pkg(middle.pkg()))
                    .append("): ").append(utilities(middle, names)).append(gainText(middle)).append('\n');
        }
        return out.toString();
    }

    private static String counts(MoveCounts n) {
        return TimelineWords.count(n.offers(), "offer", "offers") + ", " + TimelineWords.count(n.trades(), "trade", "trades")
                + ", " + TimelineWords.count(n.accepts(), "accept", "accepts") + ", "
                + TimelineWords.count(n.rejects(), "reject", "rejects");
    }

    private static String utilities(JointGain.Baseline row, Map<String, String> names) {
        String each = row.utilities().entrySet().stream()
                .map(e -> TimelineWords.name(names, e.getKey()) + " " + percent(e.getValue()))
                .collect(Collectors.joining(", "));
        return each + (row.joint() == null ? "" : ", together " + percent(row.joint()));
    }

    private static String gainText(JointGain.Baseline row) {
        if (row.gain() == null) {
            return "";
        }
        return "; together the parties score " + percent(Math.abs(row.gain())).replace(" %", " points")
                + (row.gain() >= 0 ? " more" : " less") + " with the agreement";
    }
}
