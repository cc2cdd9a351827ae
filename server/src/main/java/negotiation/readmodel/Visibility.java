package negotiation.readmodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import negotiation.engine.Engine;
import negotiation.events.Interests;
import negotiation.events.Package;
import negotiation.events.Private;
import negotiation.events.RoomEvent;
import negotiation.events.SafeOffer;
import negotiation.history.EventForm;
import negotiation.history.EventForm.Worth;
import negotiation.wire.EventMessage;
import negotiation.wire.eventdata.CaucusNoteData;
import negotiation.wire.eventdata.EventData;
import negotiation.wire.eventdata.InterestsSubmittedData;
import negotiation.wire.eventdata.SafeOfferData;
import negotiation.wire.eventdata.Yardsticks;

/**
 * The one function that decides what a role sees of an event. Every channel (WebSocket,
 * HTTP events, room views, time travel, agreement exports) builds its output from
 * {@link #present}; nothing else reads private data for a viewer. The event's data whole, and
 * the public form the hash chain covers, are built by {@link EventForm} in the room; this class is the lens.
 *
 * <p>An event's data is built whole, then each member declared {@link Private} is kept only for
 * the readers its declaration names ({@link Lens#mayRead}): a party sees its own interests and
 * utilities, of other parties only that they submitted interests; a mediator sees, for each party
 * that has unsealed by now, that party's interests and utilities, earlier events included (an
 * erasure withdraws the unseal until the party sends it again); a caucus note's text goes to its
 * correspondents; every role sees a submission whose data was erased marked {@code erased}; the
 * public form ({@link EventForm#publicData}) none of them.
 */
public final class Visibility {
    private Visibility() {
    }

    public static EventMessage present(RoomHistory.Snapshot room, RoomHistory.Entry entry, Viewer viewer) {
        RoomEvent event = entry.logged().event();
        return new EventMessage(entry.seq(), event.at().toString(), event.kind(),
                EventForm.of(event, new Lens(room, entry, viewer)), entry.hash());
    }

    /** What one viewer may see of the private standings in force at one entry; {@link EventForm#PUBLIC} sees none. */
    private record Lens(RoomHistory.Snapshot room, RoomHistory.Entry entry, Viewer viewer) implements EventForm.Reader {
        /** Whether this viewer may read a private member of {@code data} with the given readers. */
        @Override
        public boolean mayRead(Private.Readers readers, EventData data) {
            if (viewer == null) {
                return false;
            }
            return switch (readers) {
                case ROLES, VIEWER -> true;
                // declared only on stored events; their view data names who reads each entry (safeOffers)
                case EACH_PARTY -> false;
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

        @Override
        public Worth worth(Package pkg) {
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
         * The viewer's own yardsticks for judging a package (the fairness story of docs/protocol.md, "Yardsticks"): what a
         * package picked at random gives it on average, and what the middle of every range and
         * list gives it; from the viewer's own interests only. A mediator gets them per
         * unsealed party (a map by name). Nothing for the public record.
         */
        @Override
        public Object yardsticks() {
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

        /**
         * A party's own safe offers, each with its own utility; a mediator's, per party that unsealed
         * and has any (a map by name). Never another party's.
         */
        @Override
        public Object safeOffers(Map<String, List<SafeOffer>> byParty) {
            if (viewer == null) {
                return null;
            }
            if (!viewer.isMediator()) {
                return safeOffersOf(viewer.role(), byParty);
            }
            Map<String, List<SafeOfferData>> shown = new TreeMap<>();
            for (String party : room.created().agenda().parties()) {
                List<SafeOfferData> offers = maySee(party) ? safeOffersOf(party, byParty) : null;
                if (offers != null) {
                    shown.put(party, offers);
                }
            }
            return shown.isEmpty() ? null : shown;
        }

        private List<SafeOfferData> safeOffersOf(String party, Map<String, List<SafeOffer>> byParty) {
            List<SafeOffer> offers = byParty.get(party);
            RoomHistory.Standing standing = entry.standings().get(party);
            if (offers == null || offers.isEmpty()) {
                return null;
            }
            return offers.stream().map(offer -> new SafeOfferData(offer.pkg(), offer.terms(),
                    standing == null ? null : utility(standing, offer.pkg()))).toList();
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

    /** The protocol's outcome labels for a party's utility of the agreed package. */
    static final class Outcome {
        static String of(Interests interests, int utility) {
            if (interests.aspiration() != null && utility >= interests.aspiration()) {
                return "win";
            }
            return utility >= interests.floor() ? "not-lose" : "lose";
        }
    }
}
