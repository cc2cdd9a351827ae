package negotiation.mediation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import negotiation.events.Package;
import negotiation.wire.EventMessage;
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

/**
 * A replayed session as text for a terminal: one entry per event, and the room's state at a seq.
 * Parties go by their display names; times are UTC clock times under a dated header.
 */
final class Timeline {
    private Timeline() {
    }

    /** The whole session, event by event, with what each move changed, then the summary. */
    static String of(Replay replay) {
        SessionFigures analysis = replay.analysisAt(replay.lastSeq());
        Map<Long, Move> moves = new HashMap<>();
        for (Move move : analysis.concessions()) {
            moves.put(move.seq(), move);
        }
        List<EventMessage> events = replay.events();
        Map<String, String> names = names(events);
        StringBuilder out = new StringBuilder();
        out.append("Room ").append(replay.roomId()).append(", as ").append(viewer(replay.role(), names)).append(" saw it: ")
                .append(TimelineWords.count(events.size(), "event", "events"));
        if (!events.isEmpty()) {
            out.append(" from ").append(TimelineWords.day(events.get(0).at())).append(" to ")
                    .append(TimelineWords.day(events.get(events.size() - 1).at()));
        }
        out.append("\nHead hash ").append(replay.verification().head()).append("\n\n");
        for (EventMessage event : events) {
            out.append(String.format(Locale.ROOT, "#%-4d %s  ", event.seq(), TimelineWords.clock(event.at())));
            out.append(sentence(event.data(), names)).append('\n');
            Move move = moves.get(event.seq());
            if (move != null) {
                out.append("       ").append(TimelineSummary.move(move, names)).append('\n');
            }
        }
        out.append('\n').append(TimelineSummary.of(analysis, names));
        return out.toString();
    }

    /** Each party's display name, by id, from the room's first event (none for rooms from before names). */
    static Map<String, String> names(List<EventMessage> events) {
        if (!events.isEmpty() && events.get(0).data() instanceof RoomCreatedData d && d.names() != null) {
            return d.names();
        }
        return Map.of();
    }

    private static String viewer(String role, Map<String, String> names) {
        return "mediator".equals(role) ? "a mediator" : "party " + TimelineWords.name(names, role);
    }

    /** An event's sentence with parties by their ids (no room names at hand). */
    private static String sentence(EventData data) {
        return sentence(data, Map.of());
    }

    private static String sentence(EventData data, Map<String, String> names) {
        Function<String, String> n = id -> TimelineWords.name(names, id);
        if (data instanceof RoomCreatedData d) {
            return "room opened: \"" + d.title() + "\"; parties " + d.parties().stream().map(n)
                    .collect(Collectors.joining(", ")) + "; issues " + TimelineWords.issues(d.issues());
        } else if (data instanceof InterestsSubmittedData d) {
            return n.apply(d.party()) + " entered interests (version " + d.version() + ")"
                    + (Boolean.TRUE.equals(d.erased()) ? ", since erased" : "")
                    + (d.interests() != null ? ": " + TimelineWords.interests(d.interests()) : "")
                    + (d.commitment() != null ? " [commitment " + d.commitment().substring(0, 12) + "…]" : "");
        } else if (data instanceof ProposalsComputedData d) {
            return proposals(d);
        } else if (data instanceof OfferMadeData d) {
            return n.apply(d.party()) + " offers " + d.ref() + ": " + pkg(d.pkg())
                    + worth(d.utility(), null, d.utilities(), null) + TimelineWords.terms(d.terms());
        } else if (data instanceof TradeProposedData d) {
            return n.apply(d.party()) + " proposes trade " + d.ref() + " on " + d.on() + ": gives " + pkg(d.give())
                    + ", needs " + pkg(d.get()) + " => " + pkg(d.pkg()) + worth(d.utility(), null, d.utilities(), null)
                    + TimelineWords.terms(d.terms());
        } else if (data instanceof AcceptedData d) {
            return n.apply(d.party()) + " accepts " + d.ref();
        } else if (data instanceof RejectedData d) {
            return n.apply(d.party()) + " rejects " + d.ref() + (d.reason() == null ? "" : " (\"" + d.reason() + "\")");
        } else if (data instanceof AgreementReachedData d) {
            return "AGREEMENT on " + d.ref() + ": " + pkg(d.pkg()) + worth(d.utility(), d.outcome(), d.utilities(),
                    d.outcomes()) + TimelineWords.terms(d.terms()) + (Boolean.TRUE.equals(d.improvable())
                    ? "; an acceptable package exists that every party prefers" : "");
        } else if (data instanceof NoteAddedData d) {
            return "note by " + n.apply(d.party()) + ": \"" + d.text() + "\"";
        } else if (data instanceof CaucusNoteData d) {
            return "private note by " + n.apply(d.party()) + " to " + n.apply(d.to())
                    + (d.text() != null ? ": \"" + d.text() + "\"" : " (text not shown to you)");
        } else if (data instanceof AmendmentProposedData d) {
            return n.apply(d.party()) + " proposes amendment " + d.ref() + " to agenda version " + d.agendaVersion()
                    + ": " + TimelineWords.amendment(d.changes()) + (d.reason() == null ? "" : " (\"" + d.reason() + "\")");
        } else if (data instanceof AgendaAmendedData d) {
            return "AGENDA AMENDED by " + d.ref() + ", now version " + d.version() + ": issues "
                    + TimelineWords.issues(d.agenda().issues());
        } else if (data instanceof WithdrawnData d) {
            return n.apply(d.party()) + " withdraws " + d.ref();
        } else if (data instanceof MediatorSuggestedData d) {
            return "the mediator suggests " + d.ref() + ": " + pkg(d.pkg()) + worth(d.utility(), null, d.utilities(), null)
                    + TimelineWords.terms(d.terms()) + (d.text() == null ? "" : " (\"" + d.text() + "\")");
        } else if (data instanceof InterestsUnsealedData d) {
            return n.apply(d.party()) + " unsealed its interests for mediators";
        } else if (data instanceof PrivateDataErasedData d) {
            return n.apply(d.party()) + "'s private data was erased";
        } else if (data instanceof PrivacyNarrowedData d) {
            return n.apply(d.party()) + " narrowed its own privacy band to " + d.band() / 100 + " points";
        }
        throw new IllegalStateException("no sentence for " + data);
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
            out.append("\n       ").append(p.ref()).append(" (").append(p.rule()).append(") ")
                    .append(pkg(p.pkg())).append(worth(p.utility(), null, p.utilities(), null))
                    .append(TimelineWords.terms(p.terms()));
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

    static String percent(Object basisPoints) {
        if (!(basisPoints instanceof Number n)) {
            return "?";
        }
        int bp = n.intValue();
        return String.format(Locale.ROOT, "%s%d.%02d %%", bp < 0 ? "-" : "", Math.abs(bp) / 100, Math.abs(bp) % 100);
    }

    static String signed(int basisPoints) {
        return (basisPoints > 0 ? "+" : "") + percent(basisPoints).replace(" %", " points");
    }
    /** The room view at a seq, for reading in a terminal. */
    static String state(RoomViewData view) {
        StringBuilder out = new StringBuilder();
        out.append("\"").append(view.title()).append("\" after event ").append(view.seq())
                .append(", as ").append(viewer(view.role(), view.names() == null ? Map.of() : view.names())).append(" saw it; head ").append(view.head()).append('\n');
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
