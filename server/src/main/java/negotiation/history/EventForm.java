package negotiation.history;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import negotiation.Json;
import negotiation.wire.eventdata.WithdrawnData;
import negotiation.wire.eventdata.MediatorSuggestedData;
import negotiation.wire.eventdata.AmendmentProposedData;
import negotiation.wire.eventdata.AgendaAmendedData;
import negotiation.events.Withdrawn;
import negotiation.events.MediatorSuggested;
import negotiation.events.AmendmentProposed;
import negotiation.events.AgendaAmended;
import negotiation.events.Accepted;
import negotiation.events.AgreementReached;
import negotiation.events.InterestsSubmitted;
import negotiation.events.InterestsUnsealed;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import negotiation.events.Private;
import negotiation.events.Privacy;
import negotiation.events.PrivacyNarrowed;
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.Rejected;
import negotiation.events.RoomCreated;
import negotiation.events.RoomEvent;
import negotiation.events.SafeOffer;
import negotiation.events.Term;
import negotiation.events.TradeProposed;
import negotiation.wire.eventdata.AcceptedData;
import negotiation.wire.eventdata.AgreementReachedData;
import negotiation.wire.eventdata.CaucusNoteData;
import negotiation.wire.eventdata.EventData;
import negotiation.wire.eventdata.InterestsSubmittedData;
import negotiation.wire.eventdata.InterestsUnsealedData;
import negotiation.wire.eventdata.NoteAddedData;
import negotiation.wire.eventdata.OfferMadeData;
import negotiation.wire.eventdata.PrivacyNarrowedData;
import negotiation.wire.eventdata.PrivateDataErasedData;
import negotiation.wire.eventdata.ProposalsComputedData;
import negotiation.wire.eventdata.ProposedPackageData;
import negotiation.wire.eventdata.RejectedData;
import negotiation.wire.eventdata.RoomCreatedData;
import negotiation.wire.eventdata.TradeProposedData;

/**
 * An event's data as one reader sees it: built whole from the event, then each member declared
 * {@link Private} is kept only for the readers its declaration names, as the {@link Reader} allows.
 * The public form ({@link #publicData}, what every role sees and the room's {@link HashChain} covers)
 * lives here, in the room, because the aggregate links each event into the chain as it appends it
 * ({@link HistoryLink}). Which private members a given role may read, and what a package is worth to
 * it, is the read model's lens: {@code negotiation.readmodel.Visibility}, the one place that decides
 * what a role sees.
 */
public final class EventForm {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    /** Who reads an event: which private members it may read, and what packages are worth to it. */
    public interface Reader {
        /** Whether this reader may read a private member of {@code data} with the given readers. */
        boolean mayRead(Private.Readers readers, EventData data);

        Worth worth(Package pkg);

        /** The reader's yardsticks for judging a package; null when it has none to see. */
        Object yardsticks();

        /** The safe offers of a round this reader may see, from each party's; null when there are none. */
        Object safeOffers(Map<String, List<SafeOffer>> byParty);
    }

    /** The public: no private member, no worth, no yardsticks. */
    public static final Reader PUBLIC = new Reader() {
        @Override
        public boolean mayRead(Private.Readers readers, EventData data) {
            return false;
        }

        @Override
        public Worth worth(Package pkg) {
            return Worth.NONE;
        }

        @Override
        public Object yardsticks() {
            return null;
        }

        @Override
        public Object safeOffers(Map<String, List<SafeOffer>> byParty) {
            return null;
        }
    };

    private EventForm() {
    }

    /** What every role sees of an event, and nothing more: the data the room's {@link HashChain} covers, as JSON. */
    public static Map<String, Object> publicData(RoomEvent event) {
        return Json.MAPPER.convertValue(of(event, PUBLIC), JSON_OBJECT);
    }

    public static EventData of(RoomEvent event, Reader lens) {
        EventData whole = data(event, lens);
        return (EventData) Privacy.redact((Record) whole, readers -> lens.mayRead(readers, whole));
    }

    /** The event's data with every private member this lens could be given; {@link #of} takes out the rest. */
    private static EventData data(RoomEvent event, Reader lens) {
        if (event instanceof RoomCreated e) {
            return new RoomCreatedData(e.agenda().title(), e.agenda().parties(), e.agenda().issues(), e.privacy(),
                    e.names());
        } else if (event instanceof InterestsSubmitted e) {
            return new InterestsSubmittedData(e.party(), e.version(), e.commitment(),
                    e.interests() == null ? Boolean.TRUE : null, e.interests(), e.interests() == null ? null : e.salt());
        } else if (event instanceof ProposalsComputed e) {
            return proposals(e, lens);
        } else if (event instanceof OfferMade e) {
            Worth worth = lens.worth(e.pkg());
            return new OfferMadeData(e.ref(), e.party(), e.pkg(), terms(e.terms()), worth.utility(), worth.utilities());
        } else if (event instanceof TradeProposed e) {
            Worth worth = lens.worth(e.pkg());
            return new TradeProposedData(e.ref(), e.party(), e.on(), e.give(), e.get(), e.pkg(), terms(e.terms()),
                    worth.utility(), worth.utilities());
        } else if (event instanceof Accepted e) {
            return new AcceptedData(e.ref(), e.party());
        } else if (event instanceof Rejected e) {
            return new RejectedData(e.ref(), e.party(), e.reason());
        } else if (event instanceof AgreementReached e) {
            Worth worth = lens.worth(e.pkg());
            return new AgreementReachedData(e.ref(), e.pkg(), terms(e.terms()), e.improvable(), worth.utility(),
                    worth.outcome(), worth.utilities(), worth.outcomes(), lens.yardsticks());
        } else if (event instanceof NoteAdded e && e.to() == null) {
            return new NoteAddedData(e.party(), e.text());
        } else if (event instanceof NoteAdded e) {
            return new CaucusNoteData(e.party(), e.to(), e.text(), e.commitment(),
                    e.commitment() == null ? null : e.salt());
        } else if (event instanceof InterestsUnsealed e) {
            return new InterestsUnsealedData(e.party());
        } else if (event instanceof PrivateDataErased e) {
            return new PrivateDataErasedData(e.party());
        } else if (event instanceof PrivacyNarrowed e) {
            return new PrivacyNarrowedData(e.party(), e.band());
        } else if (event instanceof AmendmentProposed e) {
            return new AmendmentProposedData(e.ref(), e.party(), e.changes(), e.reason(), e.agendaVersion());
        } else if (event instanceof AgendaAmended e) {
            return new AgendaAmendedData(e.ref(), e.agenda(), e.version());
        } else if (event instanceof Withdrawn e) {
            return new WithdrawnData(e.ref(), e.party());
        } else if (event instanceof MediatorSuggested e) {
            Worth worth = lens.worth(e.pkg());
            return new MediatorSuggestedData(e.ref(), e.pkg(), terms(e.terms()), e.text(), worth.utility(),
                    worth.utilities());
        }
        throw new IllegalStateException("no view for " + event.kind());
    }

    private static ProposalsComputedData proposals(ProposalsComputed e, Reader lens) {
        List<ProposedPackageData> packages = new ArrayList<>();
        for (ProposedPackage p : e.packages()) {
            Worth worth = lens.worth(p.pkg());
            packages.add(new ProposedPackageData(p.ref(), p.pkg(), worth.utility(), worth.utilities(), p.rule(),
                    p.terms()));
        }
        // public, and the same for every floor, so it reveals nothing (docs/privacy.md)
        String coarsened = e.band() == null || e.band() == 0 ? null : "every floor was rounded up to the top of a band at least "
                + e.band() + " points wide before this round, so packages just above a floor may be left out";
        return new ProposalsComputedData(e.round(), e.zopa(), packages, lens.yardsticks(), e.improves(), coarsened,
                e.safeOffers() == null ? null : lens.safeOffers(e.safeOffers()));
    }

    static List<Term> terms(List<Term> terms) {
        return terms == null ? List.of() : terms;
    }

    /**
     * What a package is worth to whom a lens shows: a party's own utility and outcome (empty when
     * it had no interests in force), or a mediator's per unsealed party; all null for the public form.
     */
    public record Worth(Optional<Integer> utility, Optional<String> outcome, Map<String, Integer> utilities,
                 Map<String, String> outcomes) {
        public static final Worth NONE = new Worth(null, null, null, null);
    }
}
