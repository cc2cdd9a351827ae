package negotiation.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import negotiation.events.PrivateDataErased;
import negotiation.events.ProposalsComputed;
import negotiation.events.ProposedPackage;
import negotiation.events.Rejected;
import negotiation.events.RoomCreated;
import negotiation.events.RoomEvent;
import negotiation.events.TradeProposed;
import negotiation.wire.EventMessage;

/**
 * The one function that decides what a role sees of an event. Every channel (WebSocket,
 * HTTP events, room views, time travel, agreement exports) builds its output from
 * {@link #present}; nothing else reads private data for a viewer.
 *
 * <p>A party sees its own interests and utilities; of other parties only that they submitted
 * interests. A mediator sees, for each party that has unsealed by now, that party's
 * interests and utilities, earlier events included; an erasure withdraws the unseal until the
 * party sends it again. Every role sees a submission whose data was erased marked {@code erased}.
 */
public final class Visibility {
    private Visibility() {
    }

    public static EventMessage present(RoomHistory.Snapshot room, RoomHistory.Entry entry, Viewer viewer) {
        RoomEvent event = entry.logged().event();
        Map<String, Object> data = data(event, new Lens(room, entry, viewer));
        return new EventMessage(entry.seq(), event.at().toString(), event.getClass().getSimpleName(), data,
                entry.hash());
    }

    /** What every role sees of an event, and nothing more: the data the room's {@link HashChain} covers. */
    public static Map<String, Object> publicData(RoomEvent event) {
        return data(event, Lens.PUBLIC);
    }

    private static Map<String, Object> data(RoomEvent event, Lens lens) {
        if (event instanceof RoomCreated e) {
            return Json.MAPPER.convertValue(e.agenda(), Map.class);
        } else if (event instanceof InterestsSubmitted e) {
            return interestsSubmitted(e, lens);
        } else if (event instanceof ProposalsComputed e) {
            return proposals(e, lens);
        } else if (event instanceof OfferMade e) {
            return lens.withUtility(map("ref", e.ref(), "party", e.party(), "package", e.pkg(),
                    "terms", terms(e.terms())), e.pkg(), false);
        } else if (event instanceof TradeProposed e) {
            return lens.withUtility(map("ref", e.ref(), "party", e.party(), "on", e.on(), "give", e.give(),
                    "get", e.get(), "package", e.pkg(), "terms", terms(e.terms())), e.pkg(), false);
        } else if (event instanceof Accepted e) {
            return map("ref", e.ref(), "party", e.party());
        } else if (event instanceof Rejected e) {
            Map<String, Object> data = map("ref", e.ref(), "party", e.party());
            if (e.reason() != null) {
                data.put("reason", e.reason());
            }
            return data;
        } else if (event instanceof AgreementReached e) {
            Map<String, Object> data = lens.withUtility(map("ref", e.ref(), "package", e.pkg(),
                    "terms", terms(e.terms()), "improvable", e.improvable()), e.pkg(), true);
            lens.putYardsticks(data);
            return data;
        } else if (event instanceof NoteAdded e && e.to() == null) {
            return map("party", e.party(), "text", e.text());
        } else if (event instanceof InterestsUnsealed e) {
            return map("party", e.party());
        } else if (event instanceof PrivateDataErased e) {
            return map("party", e.party());
        }
        Map<String, Object> workspace = WorkspaceVisibility.data(event, lens::maySeeCaucus, lens::withUtility);
        if (workspace != null) {
            return workspace;
        }
        throw new IllegalStateException("no view for " + event.getClass().getSimpleName());
    }

    private static Map<String, Object> interestsSubmitted(InterestsSubmitted e, Lens lens) {
        Map<String, Object> data = map("party", e.party(), "version", e.version());
        if (e.commitment() != null) {
            data.put("commitment", e.commitment());
        }
        if (e.interests() == null) {
            // That the party erased is public (PrivateDataErased), so every role sees which submission is gone.
            if (lens.viewer() != null) {
                data.put("erased", true);
            }
        } else if (lens.maySee(e.party())) {
            data.put("interests", Json.MAPPER.convertValue(e.interests(), Map.class));
            if (e.salt() != null) {
                data.put("salt", e.salt());
            }
        }
        return data;
    }

    private static Map<String, Object> proposals(ProposalsComputed e, Lens lens) {
        List<Map<String, Object>> packages = new ArrayList<>();
        for (ProposedPackage p : e.packages()) {
            packages.add(lens.withUtility(map("ref", p.ref(), "package", p.pkg()), p.pkg(), false));
            packages.get(packages.size() - 1).put("rule", p.rule());
        }
        Map<String, Object> data = map("round", e.round(), "zopa", e.zopa(), "packages", packages);
        lens.putYardsticks(data);
        if (e.improves() != null) {
            data.put("improves", e.improves());
        }
        if (e.band() != null) {
            // DESIGN rule 8: public, and the same for every floor, so it reveals nothing
            data.put("coarsened", "every floor was rounded up to the top of a band at least " + e.band()
                    + " points wide before this round, so packages just above a floor may be left out");
        }
        return data;
    }

    static List<Map<String, Object>> terms(List<negotiation.events.Term> terms) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var term : terms == null ? List.<negotiation.events.Term>of() : terms) {
            out.add(map("if", term.condition(), "then", term.then()));
        }
        return out;
    }

    /** Builds an insertion-ordered map from key, value pairs. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** What one viewer may see of the private standings in force at one entry; {@link #PUBLIC} sees none. */
    private record Lens(RoomHistory.Snapshot room, RoomHistory.Entry entry, Viewer viewer) {
        static final Lens PUBLIC = new Lens(null, null, null);

        /** A caucus note's text: its author, its addressee and mediators read it; the public record has none. */
        boolean maySeeCaucus(NoteAdded note) {
            return viewer != null && (viewer.isMediator() || viewer.role().equals(note.party())
                    || viewer.role().equals(note.to()));
        }

        boolean maySee(String party) {
            if (viewer == null) {
                return false;
            }
            return viewer.isMediator() ? room.unsealed().contains(party) : viewer.role().equals(party);
        }

        /** Adds utility (and outcome) for a party, or utilities (and outcomes) per unsealed party for a mediator. */
        Map<String, Object> withUtility(Map<String, Object> data, Map<String, Object> pkg, boolean outcome) {
            if (viewer == null) {
                return data;
            }
            if (!viewer.isMediator()) {
                RoomHistory.Standing own = entry.standings().get(viewer.role());
                data.put("utility", own == null ? null : utility(own, pkg));
                if (outcome) {
                    data.put("outcome", own == null ? null : outcome(own, pkg));
                }
                return data;
            }
            Map<String, Object> utilities = new TreeMap<>();
            Map<String, Object> outcomes = new TreeMap<>();
            for (String party : room.created().agenda().parties()) {
                RoomHistory.Standing standing = entry.standings().get(party);
                if (standing != null && maySee(party)) {
                    utilities.put(party, utility(standing, pkg));
                    outcomes.put(party, outcome(standing, pkg));
                }
            }
            data.put("utilities", utilities);
            if (outcome) {
                data.put("outcomes", outcomes);
            }
            return data;
        }

        /**
         * The viewer's own yardsticks for judging a package (issue 16's fairness story): what a
         * package picked at random gives it on average, and what the middle of every range and
         * list gives it; from the viewer's own interests only. A mediator gets them per
         * unsealed party. Nothing for the public record.
         */
        void putYardsticks(Map<String, Object> data) {
            if (viewer == null) {
                return;
            }
            if (!viewer.isMediator()) {
                RoomHistory.Standing own = entry.standings().get(viewer.role());
                if (own != null) {
                    data.put("yardsticks", yardsticks(own));
                }
                return;
            }
            Map<String, Object> byParty = new TreeMap<>();
            for (String party : room.created().agenda().parties()) {
                RoomHistory.Standing standing = entry.standings().get(party);
                if (standing != null && maySee(party)) {
                    byParty.put(party, yardsticks(standing));
                }
            }
            data.put("yardsticks", byParty);
        }

        private static Map<String, Object> yardsticks(RoomHistory.Standing standing) {
            return map("random", Engine.averageUtility(standing.profile()), "middle", Engine.middleUtility(standing.profile()));
        }

        int utility(RoomHistory.Standing standing, Map<String, Object> pkg) {
            return Engine.utility(standing.profile(), entry.options().indices(pkg));
        }

        String outcome(RoomHistory.Standing standing, Map<String, Object> pkg) {
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
