package negotiation.mediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.events.Package;
import negotiation.room.AgendaOptions;
import negotiation.room.HashChain;
import negotiation.room.InterestsRules;
import negotiation.wire.EventMessage;
import negotiation.wire.analysis.AgreedFigures;
import negotiation.wire.analysis.JointGain;
import negotiation.wire.analysis.Move;
import negotiation.wire.analysis.MoveCounts;
import negotiation.wire.analysis.PathPoint;
import negotiation.wire.analysis.SessionFigures;
import negotiation.wire.eventdata.AcceptedData;
import negotiation.wire.eventdata.AgendaAmendedData;
import negotiation.wire.eventdata.AgreementReachedData;
import negotiation.wire.eventdata.EventData;
import negotiation.wire.eventdata.InterestsSubmittedData;
import negotiation.wire.eventdata.OfferMadeData;
import negotiation.wire.eventdata.PrivateDataErasedData;
import negotiation.wire.eventdata.ProposalsComputedData;
import negotiation.wire.eventdata.RejectedData;
import negotiation.wire.eventdata.RoomCreatedData;
import negotiation.wire.eventdata.TradeProposedData;

/**
 * A session's figures for a mediator's review, computed only from the events one viewer was
 * given ({@code Visibility}'s output, live or read back from an export): so a party's
 * analysis holds its own utilities, a mediator's those of the parties who unsealed.
 *
 * <p>Utilities are evaluated under the interests in force at the event in question, as the
 * room shows them. The "split" baseline puts every range issue at the middle option of its
 * agenda range (the lower of the two middle options when their count is even) and keeps the
 * agreed option on every other issue, so it differs from the agreement only where a split is
 * possible at all.
 */
public final class SessionAnalysis {
    private final String role;
    private final List<String> parties = new ArrayList<>();
    private AgendaOptions options;
    private Instant start;
    private long seq;
    private String head = HashChain.GENESIS;
    private int rounds;
    private Long timeToAgreement;
    private AgreedFigures agreement;
    private Map<String, PartyProfile> profiles = Map.of();
    /** The interests behind {@link #profiles}, to compile them again when the agenda is amended. */
    private final Map<String, Interests> interests = new HashMap<>();
    private Map<String, PartyProfile> profilesAtAgreement = Map.of();
    private final Map<String, MoveCounts> moves = new LinkedHashMap<>();
    /** Each party's latest and first position (an offer or trade of its own): ref and package. */
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, Position> firstMoves = new LinkedHashMap<>();
    private final List<Move> concessions = new ArrayList<>();
    private final Map<String, List<PathPoint>> paths = new TreeMap<>();

    private record Position(String ref, Package pkg) {
    }

    private SessionAnalysis(String role) {
        this.role = role;
    }

    /** The analysis of the events one viewer ({@code role}) was given, in seq order. */
    public static SessionFigures of(String roomId, String role, Iterable<EventMessage> events) {
        SessionAnalysis analysis = new SessionAnalysis(role);
        for (EventMessage event : events) {
            analysis.apply(event);
        }
        return analysis.result(roomId);
    }

    private void apply(EventMessage event) {
        EventData data = event.data();
        seq = event.seq();
        head = event.hash();
        Instant at = Instant.parse(event.at());
        if (data instanceof RoomCreatedData d) {
            start = at;
            options = new AgendaOptions(d.agenda());
            parties.addAll(d.parties());
            for (String party : parties) {
                moves.put(party, MoveCounts.NONE);
            }
        } else if (data instanceof InterestsSubmittedData d) {
            Map<String, PartyProfile> next = new HashMap<>(profiles);
            if (d.interests() != null) {
                interests.put(d.party(), d.interests());
                next.put(d.party(), InterestsRules.compile(options, d.interests()));
            } else {
                interests.remove(d.party());
                next.remove(d.party());
            }
            profiles = Map.copyOf(next);
        } else if (data instanceof PrivateDataErasedData d) {
            Map<String, PartyProfile> next = new HashMap<>(profiles);
            next.remove(d.party());
            profiles = Map.copyOf(next);
        } else if (data instanceof ProposalsComputedData d) {
            if (d.improves() == null) {
                rounds = Math.max(rounds, d.round());
            }
        } else if (data instanceof OfferMadeData d) {
            move(event, d.ref(), d.party(), d.pkg(), null);
        } else if (data instanceof TradeProposedData d) {
            move(event, d.ref(), d.party(), d.pkg(), d);
        } else if (data instanceof AcceptedData d) {
            count(d.party(), MoveCounts::plusAccept);
        } else if (data instanceof RejectedData d) {
            count(d.party(), MoveCounts::plusReject);
        } else if (data instanceof AgreementReachedData d) {
            if (timeToAgreement == null) {
                timeToAgreement = Duration.between(start, at).toMillis();
            }
            agreement = new AgreedFigures(event.seq(), event.at(), d.ref(), d.pkg(),
                    Duration.between(start, at).toMillis(), utilities(profiles, d.pkg()));
            profilesAtAgreement = profiles;
            path(event.seq(), d.ref(), "agreement", null, d.pkg());
        } else if (data instanceof AgendaAmendedData d) {
            // Interests carry over to the amended agenda (added issues and options worth 0).
            options = new AgendaOptions(d.agenda());
            Map<String, PartyProfile> next = new HashMap<>();
            profiles.keySet().forEach(party -> next.put(party, InterestsRules.compile(options, interests.get(party))));
            profiles = Map.copyOf(next);
        }
        // notes, unseals, amendment proposals, withdrawals and suggestions change no figure
    }

    private void count(String party, UnaryOperator<MoveCounts> plus) {
        moves.put(party, plus.apply(moves.getOrDefault(party, MoveCounts.NONE)));
    }

    /** An offer, or a trade ({@code trade} not null), against its author's previous position. */
    private void move(EventMessage event, String ref, String party, Package pkg, TradeProposedData trade) {
        count(party, trade != null ? MoveCounts::plusTrade : MoveCounts::plusOffer);
        String kind = trade != null ? "trade" : "offer";
        Position previous = positions.get(party);
        PartyProfile mover = profiles.get(party);
        List<Move.Change> changes = new ArrayList<>();
        List<String> give = new ArrayList<>();
        List<String> get = new ArrayList<>();
        if (previous != null) {
            Package before = previous.pkg();
            for (int i = 0; i < options.issueCount(); i++) {
                String issue = options.issue(i).id();
                int from = options.optionIndex(i, before.get(issue));
                int to = options.optionIndex(i, pkg.get(issue));
                if (from == to || from < 0 || to < 0) {
                    continue; // unchanged, or an issue added since the previous position was taken
                }
                Integer worth = mover == null ? null : mover.points()[i][to] - mover.points()[i][from];
                changes.add(new Move.Change(issue, before.get(issue), pkg.get(issue), worth));
                if (worth != null && worth < 0) {
                    give.add(issue);
                } else if (worth != null && worth > 0) {
                    get.add(issue);
                }
            }
        }
        Map<String, Integer> now = utilities(profiles, pkg);
        Map<String, Integer> deltas = null;
        if (previous != null) {
            Map<String, Integer> then = utilities(profiles, previous.pkg());
            deltas = new TreeMap<>();
            for (Map.Entry<String, Integer> u : now.entrySet()) {
                deltas.put(u.getKey(), u.getValue() - then.get(u.getKey()));
            }
        }
        // give and get need the mover's interests: without them, no one can tell a concession from a demand
        boolean judged = previous != null && mover != null;
        concessions.add(new Move(event.seq(), event.at(), ref, kind, party, trade == null ? null : trade.on(),
                trade == null ? null : new Move.Declared(trade.give(), trade.get()), pkg,
                previous == null ? null : previous.ref(), changes, judged ? give : null, judged ? get : null, now,
                deltas));
        positions.put(party, new Position(ref, pkg));
        firstMoves.putIfAbsent(party, new Position(ref, pkg));
        path(event.seq(), ref, kind, party, pkg);
    }

    /** Each visible party's utility for a package on the table, under its interests in force now. */
    private void path(long seq, String ref, String kind, String party, Package pkg) {
        utilities(profiles, pkg).forEach((p, u) ->
                paths.computeIfAbsent(p, x -> new ArrayList<>()).add(new PathPoint(seq, ref, kind, party, u)));
    }

    /** The utility of a package for every party whose interests this viewer sees, by party name. */
    private Map<String, Integer> utilities(Map<String, PartyProfile> profiles, Package pkg) {
        Map<String, Integer> out = new TreeMap<>();
        int[] indices = options.indices(pkg);
        profiles.forEach((party, profile) -> {
            int u = 0;
            for (int i = 0; i < indices.length; i++) {
                // A package made before an amendment does not name the issues added since: they count 0.
                u += indices[i] < 0 ? 0 : profile.points()[i][indices[i]];
            }
            out.put(party, u);
        });
        return out;
    }

    private SessionFigures result(String roomId) {
        return new SessionFigures(roomId, role, seq, head, parties, new ArrayList<>(new TreeMap<>(profiles).keySet()),
                start == null ? null : start.toString(), timeToAgreement, agreement, rounds, moves, concessions, paths,
                jointGain());
    }

    /**
     * The agreement's utilities beside two baselines, for the parties this viewer sees: each
     * party's first offer, and the split. Joint figures (sums) only when every party is seen.
     */
    private JointGain jointGain() {
        if (agreement == null || profilesAtAgreement.isEmpty()) {
            return null;
        }
        Map<String, PartyProfile> seen = profilesAtAgreement;
        boolean complete = seen.keySet().containsAll(parties);
        Package agreed = agreement.pkg();
        Integer joint = joint(utilities(seen, agreed), complete);
        List<JointGain.Baseline> firsts = new ArrayList<>();
        firstMoves.forEach((party, first) -> firsts.add(baseline(party, first.ref(), first.pkg(), seen, complete, joint)));
        return new JointGain(new ArrayList<>(new TreeMap<>(seen).keySet()), complete,
                baseline(null, agreement.ref(), agreed, seen, complete, joint), firsts,
                baseline(null, null, split(agreed), seen, complete, joint));
    }

    private JointGain.Baseline baseline(String party, String ref, Package pkg,
                                        Map<String, PartyProfile> seen, boolean complete, Integer agreedJoint) {
        Map<String, Integer> utilities = utilities(seen, pkg);
        Integer joint = joint(utilities, complete);
        return new JointGain.Baseline(party, ref, pkg, utilities, joint,
                joint == null || agreedJoint == null ? null : agreedJoint - joint);
    }

    private static Integer joint(Map<String, Integer> utilities, boolean complete) {
        return complete ? utilities.values().stream().mapToInt(Integer::intValue).sum() : null;
    }

    /** Every range issue at the middle of its agenda range, every other issue as agreed. */
    private Package split(Package agreed) {
        Package.Builder split = new Package.Builder();
        int[] counts = options.optionCounts();
        for (int i = 0; i < options.issueCount(); i++) {
            String id = options.issue(i).id();
            split.put(id, options.isRange(i) ? options.wireValue(i, (counts[i] - 1) / 2) : agreed.get(id));
        }
        return split.build();
    }
}
