package negotiation.room;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import negotiation.Json;
import negotiation.engine.Engine;
import negotiation.events.Accepted;
import negotiation.events.AgreementReached;
import negotiation.events.Interests;
import negotiation.events.InterestsSubmitted;
import negotiation.events.InterestsUnsealed;
import negotiation.events.NoteAdded;
import negotiation.events.OfferMade;
import negotiation.events.Package;
import negotiation.events.Private;
import negotiation.events.Privacy;
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.Rejected;
import negotiation.events.RoomCreated;
import negotiation.events.RoomEvent;
import negotiation.events.Term;
import negotiation.events.TradeProposed;
import negotiation.wire.EventMessage;
import negotiation.wire.eventdata.AcceptedData;
import negotiation.wire.eventdata.AgreementReachedData;
import negotiation.wire.eventdata.CaucusNoteData;
import negotiation.wire.eventdata.EventData;
import negotiation.wire.eventdata.InterestsSubmittedData;
import negotiation.wire.eventdata.InterestsUnsealedData;
import negotiation.wire.eventdata.NoteAddedData;
import negotiation.wire.eventdata.OfferMadeData;
import negotiation.wire.eventdata.PrivateDataErasedData;
import negotiation.wire.eventdata.ProposalsComputedData;
import negotiation.wire.eventdata.ProposedPackageData;
import negotiation.wire.eventdata.RejectedData;
import negotiation.wire.eventdata.RoomCreatedData;
import negotiation.wire.eventdata.TradeProposedData;
import negotiation.wire.eventdata.Yardsticks;

/**
 * The one function that decides what a role sees of an event. Every channel (WebSocket,
 * HTTP events, room views, time travel, agreement exports) builds its output from
 * {@link #present}; nothing else reads private data for a viewer.
 *
 * <p>An event's data is built whole, then each member declared {@link Private} is kept only for
 * the readers its declaration names ({@link Lens#mayRead}): a party sees its own interests and
 * utilities, of other parties only that they submitted interests; a mediator sees, for each party
 * that has unsealed by now, that party's interests and utilities, earlier events included (an
 * erasure withdraws the unseal until the party sends it again); a caucus note's text goes to its
 * correspondents; every role sees a submission whose data was erased marked {@code erased}; the
 * public form ({@link #publicData}) none of them.
 */
public final class Visibility {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private Visibility() {
    }

    public static EventMessage present(RoomHistory.Snapshot room, RoomHistory.Entry entry, Viewer viewer) {
        RoomEvent event = entry.logged().event();
        return new EventMessage(entry.seq(), event.at().toString(), event.kind(),
                view(event, new Lens(room, entry, viewer)), entry.hash());
    }

    /** What every role sees of an event, and nothing more: the data the room's {@link HashChain} covers, as JSON. */
    public static Map<String, Object> publicData(RoomEvent event) {
        return Json.MAPPER.convertValue(view(event, Lens.PUBLIC), JSON_OBJECT);
    }

    private static EventData view(RoomEvent event, Lens lens) {
        EventData whole = data(event, lens);
        return (EventData) Privacy.redact((Record) whole, readers -> lens.mayRead(readers, whole));
    }

    /** The event's data with every private member this lens could be given; {@link #view} takes out the rest. */
    private static EventData data(RoomEvent event, Lens lens) {
        if (event instanceof RoomCreated e) {
            return RoomCreatedData.of(e.agenda());
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
        }
        EventData workspace = WorkspaceVisibility.data(event, lens::worth);
        if (workspace != null) {
            return workspace;
        }
        throw new IllegalStateException("no view for " + event.kind());
    }

    private static ProposalsComputedData proposals(ProposalsComputed e, Lens lens) {
        List<ProposedPackageData> packages = new ArrayList<>();
        for (ProposedPackage p : e.packages()) {
            Worth worth = lens.worth(p.pkg());
            packages.add(new ProposedPackageData(p.ref(), p.pkg(), worth.utility(), worth.utilities(), p.rule()));
        }
        // DESIGN rule 8: public, and the same for every floor, so it reveals nothing
        String coarsened = e.band() == null ? null : "every floor was rounded up to the top of a band at least "
                + e.band() + " points wide before this round, so packages just above a floor may be left out";
        return new ProposalsComputedData(e.round(), e.zopa(), packages, lens.yardsticks(), e.improves(), coarsened);
    }

    static List<Term> terms(List<Term> terms) {
        return terms == null ? List.of() : terms;
    }

    /**
     * What a package is worth to whom a lens shows: a party's own utility and outcome (empty when
     * it had no interests in force), or a mediator's per unsealed party; all null for the public form.
     */
    record Worth(Optional<Integer> utility, Optional<String> outcome, Map<String, Integer> utilities,
                 Map<String, String> outcomes) {
        static final Worth NONE = new Worth(null, null, null, null);
    }

    /** What one viewer may see of the private standings in force at one entry; {@link #PUBLIC} sees none. */
    private record Lens(RoomHistory.Snapshot room, RoomHistory.Entry entry, Viewer viewer) {
        static final Lens PUBLIC = new Lens(null, null, null);

        /** Whether this viewer may read a private member of {@code data} with the given readers. */
        boolean mayRead(Private.Readers readers, EventData data) {
            if (viewer == null) {
                return false;
            }
            return switch (readers) {
                case ROLES, VIEWER -> true;
                case PARTY -> data instanceof InterestsSubmittedData d && maySee(d.party());
                case CORRESPONDENTS -> data instanceof CaucusNoteData note && (viewer.isMediator()
                        || viewer.role().equals(note.party()) || viewer.role().equals(note.to()));
            };
        }

        boolean maySee(String party) {
            if (viewer == null) {
                return false;
            }
            return viewer.isMediator() ? room.unsealed().contains(party) : viewer.role().equals(party);
        }

        Worth worth(Package pkg) {
            if (viewer == null) {
                return Worth.NONE;
            }
            if (!viewer.isMediator()) {
                RoomHistory.Standing own = entry.standings().get(viewer.role());
                return new Worth(Optional.ofNullable(own == null ? null : utility(own, pkg)),
                        Optional.ofNullable(own == null ? null : outcome(own, pkg)), null, null);
            }
            Map<String, Integer> utilities = new TreeMap<>();
            Map<String, String> outcomes = new TreeMap<>();
            for (String party : room.created().agenda().parties()) {
                RoomHistory.Standing standing = entry.standings().get(party);
                if (standing != null && maySee(party)) {
                    utilities.put(party, utility(standing, pkg));
                    outcomes.put(party, outcome(standing, pkg));
                }
            }
            return new Worth(null, null, utilities, outcomes);
        }

        /**
         * The viewer's own yardsticks for judging a package (issue 16's fairness story): what a
         * package picked at random gives it on average, and what the middle of every range and
         * list gives it; from the viewer's own interests only. A mediator gets them per
         * unsealed party (a map by name). Nothing for the public record.
         */
        Object yardsticks() {
            if (viewer == null) {
                return null;
            }
            if (!viewer.isMediator()) {
                RoomHistory.Standing own = entry.standings().get(viewer.role());
                return own == null ? null : yardsticks(own);
            }
            Map<String, Yardsticks> byParty = new TreeMap<>();
            for (String party : room.created().agenda().parties()) {
                RoomHistory.Standing standing = entry.standings().get(party);
                if (standing != null && maySee(party)) {
                    byParty.put(party, yardsticks(standing));
                }
            }
            return byParty;
        }

        private static Yardsticks yardsticks(RoomHistory.Standing standing) {
            return new Yardsticks(Engine.averageUtility(standing.profile()), Engine.middleUtility(standing.profile()));
        }

        int utility(RoomHistory.Standing standing, Package pkg) {
            return Engine.utility(standing.profile(), entry.options().indices(pkg));
        }

        String outcome(RoomHistory.Standing standing, Package pkg) {
            return Outcome.of(standing.interests(), utility(standing, pkg));
        }
    }

    /** PROTOCOL.md's outcome labels for a party's utility of the agreed package. */
    static final class Outcome {
        static String of(Interests interests, int utility) {
            if (interests.aspiration() != null && utility >= interests.aspiration()) {
                return "win";
            }
            return utility >= interests.floor() ? "not-lose" : "lose";
        }
    }
}
