package negotiation.readmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import negotiation.events.Agenda;
import negotiation.events.PrivacyLevel;
import negotiation.events.Interests;
import negotiation.history.HashChain;
import negotiation.wire.EventMessage;
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
import negotiation.wire.view.AmendmentView;
import negotiation.wire.view.ImprovementView;
import negotiation.wire.view.NoteView;
import negotiation.wire.view.OfferView;
import negotiation.wire.view.PartyView;
import negotiation.wire.view.RoomViewData;
import negotiation.wire.view.SuggestionView;

/**
 * The room as one viewer sees it at some seq: built only by folding the events that
 * {@link Visibility#present} gives that viewer, so a view can never show more than the log.
 */
public final class RoomView {
    private static final String PROPOSED = "proposed";
    private String title;
    private Agenda agenda;
    private int round;
    private Boolean zopa;
    private int agendaVersion = 1;
    private AgreementView agreement;
    private final Map<String, PartyView> parties = new LinkedHashMap<>();
    private final List<OfferView> offers = new ArrayList<>();
    private final List<ProposedPackageData> proposals = new ArrayList<>();
    private final List<ImprovementView> improvements = new ArrayList<>();
    private final Map<String, Map<String, String>> answers = new LinkedHashMap<>();
    /** How the package of each ref on the table was found, for the agreement's {@code rule}. */
    private final Map<String, String> rules = new HashMap<>();
    private final Map<String, Interests> interests = new LinkedHashMap<>();
    private final List<NoteView> notes = new ArrayList<>();
    private final List<AmendmentView> amendments = new ArrayList<>();
    private final List<SuggestionView> suggestions = new ArrayList<>();
    private PrivacyLevel privacy;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Integer> narrowed = new LinkedHashMap<>();
    private Object safeOffers;

    private RoomView() {
    }

    /** The view of {@code room} (already cut at the wanted seq) for {@code viewer}. */
    public static RoomViewData of(String roomId, RoomHistory.Snapshot room, Viewer viewer) {
        return fold(roomId, viewer, () -> room.entries().stream()
                .map(entry -> Visibility.present(room, entry, viewer)).iterator());
    }

    /**
     * The view folded from the events a viewer was given, in seq order: what {@link #of} does
     * on the server, and what an offline replay does with an export.
     */
    public static RoomViewData fold(String roomId, Viewer viewer, Iterable<EventMessage> events) {
        return fold(roomId, viewer, events, (event, room) -> {
        });
    }

    /**
     * The same fold, showing {@code step} the room after each event: so a reading over time (the
     * session analysis) takes each event's effect from here rather than interpreting the events again.
     */
    public static RoomViewData fold(String roomId, Viewer viewer, Iterable<EventMessage> events, Step step) {
        RoomView fold = new RoomView();
        long seq = 0;
        String head = HashChain.GENESIS;
        for (EventMessage event : events) {
            fold.apply(event);
            step.after(event, fold);
            seq = event.seq();
            head = event.hash();
        }
        return new RoomViewData(roomId, viewer.role(), seq, head, fold.title, fold.agenda, fold.round, fold.zopa,
                new ArrayList<>(fold.parties.values()), fold.proposals, fold.improvements, fold.offers, fold.answers,
                fold.agreement, fold.notes, fold.agendaVersion, fold.amendments, fold.suggestions,
                viewer.isMediator() ? fold.interests : fold.interests.get(viewer.role()), fold.privacy, fold.names,
                fold.narrowed.isEmpty() ? null : fold.narrowed, fold.safeOffers);
    }

    /** Shown the room as each event of a {@link #fold} left it; the room is read-only and changes with the next event. */
    @FunctionalInterface
    public interface Step {
        void after(EventMessage event, RoomView room);
    }

    /** The agenda in force (as amended so far). */
    public Agenda agenda() {
        return agenda;
    }

    /** The round of the latest proposals (0 before any). */
    public int round() {
        return round;
    }

    /** The interests this viewer sees, by party: its own for a party, each unsealed party's for a mediator. */
    public Map<String, Interests> interests() {
        return Collections.unmodifiableMap(interests);
    }

    /** Every offer and trade so far, in seq order (withdrawn ones included, marked). */
    public List<OfferView> offers() {
        return Collections.unmodifiableList(offers);
    }

    /** The version of the agenda in force (1 until an amendment is applied). */
    public int agendaVersion() {
        return agendaVersion;
    }

    /** The version of a party's latest interests (0 before any). */
    public int interestsVersion(String party) {
        PartyView view = parties.get(party);
        return view == null ? 0 : view.interestsVersion();
    }

    /** Every mediator's suggestion so far, in seq order. */
    public List<SuggestionView> suggestions() {
        return Collections.unmodifiableList(suggestions);
    }

    /** The latest agreement, or null. */
    public AgreementView agreement() {
        return agreement;
    }

    private void apply(EventMessage event) {
        EventData data = event.data();
        if (data instanceof RoomCreatedData d) {
            title = d.title();
            agenda = d.agenda();
            d.parties().forEach(name -> parties.put(name, new PartyView(name, 0, false, false)));
            // rooms created before levels and names existed: the default level, each party named by its id
            privacy = d.privacy() == null ? PrivacyLevel.DEFAULT : d.privacy();
            d.parties().forEach(name -> names.put(name, d.names() == null ? name : d.names().getOrDefault(name, name)));
        } else if (data instanceof InterestsSubmittedData d) {
            PartyView party = parties.get(d.party());
            parties.put(d.party(), new PartyView(d.party(), d.version(), party.unsealed(),
                    Boolean.TRUE.equals(d.erased())));
            if (d.interests() != null) {
                interests.put(d.party(), d.interests());
            }
        } else if (data instanceof ProposalsComputedData d) {
            proposals(event, d);
        } else if (data instanceof OfferMadeData d) {
            offer(new OfferView(d.ref(), d.party(), null, null, null, d.pkg(), d.terms(), d.utility(), d.utilities(),
                    "offer", event.seq(), null));
        } else if (data instanceof TradeProposedData d) {
            offer(new OfferView(d.ref(), d.party(), d.on(), d.give(), d.get(), d.pkg(), d.terms(), d.utility(),
                    d.utilities(), "trade", event.seq(), null));
        } else if (data instanceof AcceptedData d) {
            answer(d.ref(), d.party(), "accepted");
        } else if (data instanceof RejectedData d) {
            answer(d.ref(), d.party(), "rejected");
        } else if (data instanceof AgreementReachedData d) {
            agreement = new AgreementView(d.ref(), d.pkg(), d.terms(), d.improvable(), d.utility(), d.outcome(),
                    d.utilities(), d.outcomes(), d.yardsticks(), event.seq(), event.at(), rules.get(d.ref()),
                    agendaVersion); // the agenda it was agreed on
        } else if (data instanceof NoteAddedData d) {
            notes.add(new NoteView(event.seq(), event.at(), d.party(), null, d.text()));
        } else if (data instanceof CaucusNoteData d) {
            notes.add(new NoteView(event.seq(), event.at(), d.party(), d.to(), d.text()));
        } else if (data instanceof InterestsUnsealedData d) {
            PartyView party = parties.get(d.party());
            parties.put(d.party(), new PartyView(d.party(), party.interestsVersion(), true, party.erased()));
        } else if (data instanceof PrivacyNarrowedData d) {
            narrowed.put(d.party(), d.band());
        } else if (data instanceof PrivateDataErasedData d) {
            parties.put(d.party(), new PartyView(d.party(), parties.get(d.party()).interestsVersion(), false, true));
            interests.remove(d.party());
        } else if (data instanceof AmendmentProposedData d) {
            amendments.add(new AmendmentView(d.ref(), d.party(), d.changes(), d.reason(), d.agendaVersion(),
                    event.seq(), PROPOSED));
            if (parties.containsKey(d.party())) {
                answer(d.ref(), d.party(), "accepted");
            }
        } else if (data instanceof AgendaAmendedData d) {
            agenda = d.agenda();
            agendaVersion = d.version();
            amendments.replaceAll(a -> !PROPOSED.equals(a.status()) ? a
                    : a.withStatus(d.ref().equals(a.ref()) ? "agreed" : "stale"));
        } else if (data instanceof WithdrawnData d) {
            offers.replaceAll(o -> o.ref().equals(d.ref()) ? o.asWithdrawn() : o);
        } else if (data instanceof MediatorSuggestedData d) {
            suggestions.add(new SuggestionView(d.ref(), d.pkg(), d.terms(), d.text(), d.utility(), d.utilities(),
                    "suggestion", event.seq()));
            rules.put(d.ref(), "suggestion by a mediator");
        } else {
            throw new IllegalStateException("unknown kind " + event.kind());
        }
    }

    private void offer(OfferView offer) {
        offers.add(offer);
        rules.put(offer.ref(), offer.rule());
        answer(offer.ref(), offer.party(), "accepted");
    }

    private void proposals(EventMessage event, ProposalsComputedData d) {
        d.packages().forEach(p -> rules.put(p.ref(), p.rule()));
        safeOffers = d.safeOffers();
        if (d.improves() != null) {
            // an improvement round that found nothing public adds no improvement
            for (ProposedPackageData p : d.packages()) {
                improvements.add(new ImprovementView(p.ref(), p.pkg(), p.utility(), p.utilities(), p.rule(),
                        d.improves(), event.seq(), p.terms()));
            }
            return;
        }
        round = d.round();
        zopa = d.zopa();
        proposals.clear();
        proposals.addAll(d.packages());
    }

    private void answer(String ref, String party, String answer) {
        answers.computeIfAbsent(ref, r -> new LinkedHashMap<>()).put(party, answer);
    }
}
