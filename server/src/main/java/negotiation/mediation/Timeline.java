package negotiation.mediation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import negotiation.events.Interests;
import negotiation.events.Issue;
import negotiation.events.Package;
import negotiation.events.Range;
import negotiation.events.Term;
import negotiation.wire.EventMessage;
import negotiation.wire.analysis.JointGain;
import negotiation.wire.analysis.Move;
import negotiation.wire.analysis.SessionFigures;
import negotiation.wire.eventdata.AcceptedData;
import negotiation.wire.eventdata.AgendaAmendedData;
import negotiation.wire.eventdata.AgreementReachedData;
import negotiation.wire.eventdata.AmendmentProposedData;
import negotiation.wire.eventdata.CaucusNoteData;
import negotiation.wire.eventdata.EventData;
import negotiation.wire.eventdata.InterestsSubmittedData;
import negotiation.wire.eventdata.InterestsUnsealedData;
import negotiation.wire.eventdata.MediatorSuggestedData;
import negotiation.wire.eventdata.NoteAddedData;
import negotiation.wire.eventdata.OfferMadeData;
import negotiation.wire.eventdata.PrivacyNarrowedData;
import negotiation.wire.eventdata.PrivateDataErasedData;
import negotiation.wire.eventdata.ProposalsComputedData;
import negotiation.wire.eventdata.ProposedPackageData;
import negotiation.wire.eventdata.RejectedData;
import negotiation.wire.eventdata.RoomCreatedData;
import negotiation.wire.eventdata.TradeProposedData;
import negotiation.wire.eventdata.WithdrawnData;
import negotiation.wire.view.AgreementView;
import negotiation.wire.view.NoteView;
import negotiation.wire.view.OfferView;
import negotiation.wire.view.RoomViewData;

/** A replayed session as text for a terminal: one entry per event, and the room's state at a seq. */
final class Timeline {
    private Timeline() {
    }

    /** The whole session, event by event, with the concession each move made. */
    static String of(Replay replay) {
        SessionFigures analysis = replay.analysisAt(replay.lastSeq());
        Map<Long, Move> moves = new HashMap<>();
        for (Move move : analysis.concessions()) {
            moves.put(move.seq(), move);
        }
        StringBuilder out = new StringBuilder();
        out.append("Room ").append(replay.roomId()).append(", as ").append(viewer(replay.role())).append(" saw it: ")
                .append(replay.lastSeq()).append(" events, head ").append(replay.verification().head()).append("\n\n");
        for (EventMessage event : replay.events()) {
            out.append(String.format(Locale.ROOT, "#%-4d %s  ", event.seq(), event.at()));
            out.append(sentence(event.data())).append('\n');
            Move move = moves.get(event.seq());
            if (move != null) {
                out.append("       ").append(concession(move)).append('\n');
            }
        }
        out.append('\n').append(summary(analysis));
        return out.toString();
    }

    private static String viewer(String role) {
        return "mediator".equals(role) ? "a mediator" : "party " + role;
    }

    private static String sentence(EventData data) {
        if (data instanceof RoomCreatedData d) {
            return "room opened: \"" + d.title() + "\"; parties " + String.join(", ", d.parties()) + "; issues "
                    + issues(d.issues());
        } else if (data instanceof InterestsSubmittedData d) {
            return d.party() + " entered interests (version " + d.version() + ")"
                    + (Boolean.TRUE.equals(d.erased()) ? ", since erased" : "")
                    + (d.interests() != null ? ": " + interests(d.interests()) : "")
                    + (d.commitment() != null ? " [commitment " + d.commitment().substring(0, 12) + "…]" : "");
        } else if (data instanceof ProposalsComputedData d) {
            return proposals(d);
        } else if (data instanceof OfferMadeData d) {
            return d.party() + " offers " + d.ref() + ": " + pkg(d.pkg()) + worth(d.utility(), null, d.utilities(), null)
                    + terms(d.terms());
        } else if (data instanceof TradeProposedData d) {
            return d.party() + " proposes trade " + d.ref() + " on " + d.on() + ": gives " + pkg(d.give()) + ", gets "
                    + pkg(d.get()) + " => " + pkg(d.pkg()) + worth(d.utility(), null, d.utilities(), null)
                    + terms(d.terms());
        } else if (data instanceof AcceptedData d) {
            return d.party() + " accepts " + d.ref();
        } else if (data instanceof RejectedData d) {
            return d.party() + " rejects " + d.ref() + (d.reason() == null ? "" : " (\"" + d.reason() + "\")");
        } else if (data instanceof AgreementReachedData d) {
            return "AGREEMENT on " + d.ref() + ": " + pkg(d.pkg()) + worth(d.utility(), d.outcome(), d.utilities(),
                    d.outcomes()) + terms(d.terms()) + (Boolean.TRUE.equals(d.improvable())
                    ? "; an acceptable package exists that every party prefers" : "");
        } else if (data instanceof NoteAddedData d) {
            return "note by " + d.party() + ": \"" + d.text() + "\"";
        } else if (data instanceof CaucusNoteData d) {
            return "caucus note by " + d.party() + " to " + d.to()
                    + (d.text() != null ? ": \"" + d.text() + "\"" : " (text not shown to you)");
        } else if (data instanceof AmendmentProposedData d) {
            return d.party() + " proposes amendment " + d.ref() + " to agenda version " + d.agendaVersion() + ": "
                    + ExportFile.line(d.changes()) + (d.reason() == null ? "" : " (\"" + d.reason() + "\")");
        } else if (data instanceof AgendaAmendedData d) {
            return "AGENDA AMENDED by " + d.ref() + ", now version " + d.version() + ": issues "
                    + issues(d.agenda().issues());
        } else if (data instanceof WithdrawnData d) {
            return d.party() + " withdraws " + d.ref();
        } else if (data instanceof MediatorSuggestedData d) {
            return "a mediator suggests " + d.ref() + ": " + pkg(d.pkg()) + worth(d.utility(), null, d.utilities(), null)
                    + terms(d.terms()) + (d.text() == null ? "" : " (\"" + d.text() + "\")");
        } else if (data instanceof InterestsUnsealedData d) {
            return d.party() + " unsealed its interests for mediators";
        } else if (data instanceof PrivateDataErasedData d) {
            return d.party() + "'s private data was erased";
        } else if (data instanceof PrivacyNarrowedData d) {
            return d.party() + " narrowed its own privacy band to " + d.band() + " points";
        }
        throw new IllegalStateException("no sentence for " + data);
    }

    private static String issues(List<Issue> issues) {
        List<String> out = new ArrayList<>();
        for (Issue issue : issues) {
            String unit = issue.unit() == null ? "" : " " + issue.unit();
            Range r = issue.range();
            out.add(issue.id() + (r != null ? " " + r.min() + ".." + r.max() + unit + " by " + r.step()
                    : " [" + String.join(" | ", issue.options()) + "]"));
        }
        return String.join("; ", out);
    }

    private static String interests(Interests interests) {
        return "weights " + ExportFile.line(interests.weights()) + ", floor " + percent(interests.floor())
                + (interests.aspiration() == null ? "" : ", aspiration " + percent(interests.aspiration()))
                + (interests.limits() == null ? "" : ", limits " + ExportFile.line(interests.limits()));
    }

    private static String proposals(ProposalsComputedData d) {
        StringBuilder out = new StringBuilder();
        if (d.improves() != null) {
            out.append("post-settlement improvement on ").append(d.improves())
                    .append(d.packages().isEmpty() ? ": none found that clears every band" : "");
        } else {
            out.append("round ").append(d.round()).append(d.zopa()
                    ? ": proposals" : ": no zone of agreement (no package clears every floor and limit)");
        }
        for (ProposedPackageData p : d.packages()) {
            out.append("\n       ").append(p.ref()).append(" [").append(p.rule()).append("] ")
                    .append(pkg(p.pkg())).append(worth(p.utility(), null, p.utilities(), null))
                    .append(p.terms() == null ? "" : terms(p.terms()));
        }
        if (d.safeOffers() instanceof java.util.Map<?, ?> byParty) {
            byParty.forEach((party, offers) -> out.append("\n       safe offers of ").append(party).append(": ")
                    .append(((List<?>) offers).size()));
        }
        return out.toString();
    }

    static String pkg(Package pkg) {
        if (pkg == null || pkg.isEmpty()) {
            return "nothing";
        }
        return pkg.values().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * The utilities an event shows its viewer: the party's own ({@code utility} present, empty when
     * it had no interests then), or each unsealed party's for a mediator; outcomes for an agreement.
     */
    private static String worth(Optional<Integer> utility, Optional<String> outcome, Map<String, Integer> utilities,
                                Map<String, String> outcomes) {
        if (utility != null) {
            return utility.map(u -> " | your utility " + percent(u)
                    + (outcome == null || outcome.isEmpty() ? "" : " (" + outcome.get() + ")")).orElse("");
        }
        if (utilities != null && !utilities.isEmpty()) {
            Map<String, String> each = outcomes == null ? Map.of() : outcomes;
            return " | " + utilities.entrySet().stream().map(e -> e.getKey() + " " + percent(e.getValue())
                    + (each.get(e.getKey()) == null ? "" : " (" + each.get(e.getKey()) + ")"))
                    .collect(Collectors.joining(", "));
        }
        return "";
    }

    private static String terms(List<Term> terms) {
        if (terms == null || terms.isEmpty()) {
            return "";
        }
        return terms.stream().map(t -> "if " + t.condition() + ", then " + t.then())
                .collect(Collectors.joining("; ", "; terms: ", ""));
    }

    private static String concession(Move move) {
        if (move.previous() == null) {
            return "concession: none yet (" + move.party() + "'s first position)";
        }
        List<String> changes = new ArrayList<>();
        for (Move.Change c : move.changes()) {
            Integer worth = c.worth();
            String verdict = worth == null ? "" : worth < 0 ? " (gives " + percent(-worth) + ")"
                    : worth > 0 ? " (gets " + percent(worth) + ")" : " (worth nothing to it)";
            changes.add(c.issue() + " " + c.from() + " -> " + c.to() + verdict);
        }
        String deltas = move.deltas() != null && !move.deltas().isEmpty()
                ? "; change in utility: " + move.deltas().entrySet().stream()
                .map(e -> e.getKey() + " " + signed(e.getValue()))
                .collect(Collectors.joining(", ")) : "";
        return "vs " + move.party() + "'s previous position " + move.previous() + ": "
                + (changes.isEmpty() ? "no change" : String.join(", ", changes)) + deltas;
    }

    private static String summary(SessionFigures a) {
        StringBuilder out = new StringBuilder("Summary\n");
        Long millis = a.timeToAgreementMillis();
        out.append("  rounds of proposals: ").append(a.rounds()).append('\n');
        out.append("  time to agreement: ").append(millis == null ? "no agreement" : duration(millis)).append('\n');
        a.moves().forEach((party, n) -> out.append("  ").append(party)
                .append(": ").append(n.offers()).append(" offers, ").append(n.trades()).append(" trades, ")
                .append(n.accepts()).append(" accepts, ").append(n.rejects()).append(" rejects\n"));
        JointGain gain = a.jointGain();
        if (gain != null) {
            JointGain.Baseline agreed = gain.agreement();
            out.append("  agreement ").append(agreed.ref()).append(": ").append(utilities(agreed)).append('\n');
            for (JointGain.Baseline first : gain.firstOffers()) {
                out.append("  vs ").append(first.party()).append("'s first offer ").append(first.ref())
                        .append(": ").append(utilities(first)).append(gainText(first)).append('\n');
            }
            JointGain.Baseline split = gain.split();
            out.append("  vs splitting every range issue down the middle (").append(pkg(split.pkg()))
                    .append("): ").append(utilities(split)).append(gainText(split)).append('\n');
        }
        return out.toString();
    }

    private static String utilities(JointGain.Baseline row) {
        String each = row.utilities().entrySet().stream()
                .map(e -> e.getKey() + " " + percent(e.getValue())).collect(Collectors.joining(", "));
        return each + (row.joint() == null ? "" : ", joint " + percent(row.joint()));
    }

    private static String gainText(JointGain.Baseline row) {
        return row.gain() == null ? "" : "; the agreement's joint gain over it: " + signed(row.gain());
    }

    private static String duration(long millis) {
        long seconds = millis / 1000;
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%d.%03d s", seconds, millis % 1000);
    }

    static String percent(Object basisPoints) {
        if (!(basisPoints instanceof Number n)) {
            return "?";
        }
        int bp = n.intValue();
        return String.format(Locale.ROOT, "%s%d.%02d %%", bp < 0 ? "-" : "", Math.abs(bp) / 100, Math.abs(bp) % 100);
    }

    private static String signed(int basisPoints) {
        return (basisPoints > 0 ? "+" : "") + percent(basisPoints).replace(" %", " points");
    }

    /** The room view at a seq, for reading in a terminal. */
    static String state(RoomViewData view) {
        StringBuilder out = new StringBuilder();
        out.append("\"").append(view.title()).append("\" after event ").append(view.seq())
                .append(", as ").append(viewer(view.role())).append(" saw it; head ").append(view.head()).append('\n');
        out.append("parties: ").append(view.parties().stream()
                .map(p -> p.name() + " (interests v" + p.interestsVersion() + (p.unsealed() ? ", unsealed" : "")
                        + (p.erased() ? ", erased" : "") + ")")
                .collect(Collectors.joining(", "))).append('\n');
        out.append("round ").append(view.round()).append(view.zopa() == null ? ""
                : view.zopa() ? ", a zone of agreement exists" : ", no zone of agreement").append('\n');
        for (ProposedPackageData p : view.proposals()) {
            out.append("  proposal ").append(p.ref()).append(" [").append(p.rule()).append("] ")
                    .append(pkg(p.pkg())).append(worth(p.utility(), null, p.utilities(), null)).append('\n');
        }
        for (OfferView o : view.offers()) {
            Map<String, String> said = view.answers().getOrDefault(o.ref(), Map.of());
            out.append("  ").append(o.kind()).append(' ').append(o.ref()).append(" by ").append(o.party())
                    .append(": ").append(pkg(o.pkg())).append(worth(o.utility(), null, o.utilities(), null))
                    .append(said.isEmpty() ? "" : said.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ", " — ", ""))).append('\n');
        }
        AgreementView agreement = view.agreement();
        out.append("agreement: ").append(agreement == null ? "none"
                : agreement.ref() + " (" + agreement.rule() + "): " + pkg(agreement.pkg())
                + worth(agreement.utility(), agreement.outcome(), agreement.utilities(), agreement.outcomes()))
                .append('\n');
        for (NoteView note : view.notes()) {
            out.append("note #").append(note.seq()).append(" by ").append(note.party())
                    .append(note.to() != null ? " to " + note.to() : "").append(": ")
                    .append(note.text() != null ? note.text() : "(caucus, text not shown to you)").append('\n');
        }
        return out.toString();
    }
}
