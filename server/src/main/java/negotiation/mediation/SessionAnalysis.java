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
import negotiation.events.Agenda;
import negotiation.events.Interests;
import negotiation.events.Package;
import negotiation.readmodel.RoomView;
import negotiation.readmodel.Viewer;
import negotiation.room.AgendaOptions;
import negotiation.room.InterestsRules;
import negotiation.wire.EventMessage;
import negotiation.wire.analysis.AgreedFigures;
import negotiation.wire.analysis.JointGain;
import negotiation.wire.analysis.Move;
import negotiation.wire.analysis.MoveCounts;
import negotiation.wire.analysis.PathPoint;
import negotiation.wire.analysis.SessionFigures;
import negotiation.wire.eventdata.AcceptedData;
import negotiation.wire.eventdata.RejectedData;
import negotiation.wire.view.AgreementView;
import negotiation.wire.view.OfferView;
import negotiation.wire.view.PartyView;
import negotiation.wire.view.RoomViewData;

/**
 * A session's figures for a mediator's review, computed only from the events one viewer was
 * given ({@code Visibility}'s output, live or read back from an export): so a party's
 * analysis holds its own utilities, a mediator's those of the parties who unsealed.
 *
 * <p>It keeps no room state of its own: {@link RoomView}'s fold interprets every event and shows
 * this class the room after each one (agenda, interests, offers, agreement); what is added here is
 * only what is read over time from those states: utilities, concessions, moves and joint gain.
 *
 * <p>Utilities are evaluated under the interests in force at the event in question, as the
 * room shows them. The "split" baseline puts every range issue at the middle option of its
 * agenda range (the lower of the two middle options when their count is even) and keeps the
 * agreed option on every other issue, so it differs from the agreement only where a split is
 * possible at all.
 */
public final class SessionAnalysis implements RoomView.Step {
    private List<String> parties = List.of();
    private Instant start;
    private int rounds;
    private Long timeToAgreement;
    private AgreedFigures agreement;
    /** The agenda and interests {@link #options} and {@link #profiles} were compiled from. */
    private Agenda compiledAgenda;
    private Map<String, Interests> compiledInterests = Map.of();
    private AgendaOptions options;
    private Map<String, PartyProfile> profiles = Map.of();
    private Map<String, PartyProfile> profilesAtAgreement = Map.of();
    /** The agenda in force at the agreement: a later amendment does not change what was agreed. */
    private AgendaOptions optionsAtAgreement;
    private final Map<String, MoveCounts> moves = new LinkedHashMap<>();
    /** Each party's first position (an offer or trade of its own), in the order they first moved. */
    private final Map<String, OfferView> firstMoves = new LinkedHashMap<>();
    private final List<Move> concessions = new ArrayList<>();
    private final Map<String, List<PathPoint>> paths = new TreeMap<>();

    private SessionAnalysis() {
    }

    /** The analysis of the events one viewer ({@code role}) was given, in seq order. */
    public static SessionFigures of(String roomId, String role, Iterable<EventMessage> events) {
        SessionAnalysis analysis = new SessionAnalysis();
        RoomViewData room = RoomView.fold(roomId, new Viewer(role), events, analysis);
        return analysis.result(room);
    }

    @Override
    public void after(EventMessage event, RoomView room) {
        Instant at = Instant.parse(event.at());
        if (start == null) {
            start = at; // the room's first event opens it
        }
        rounds = Math.max(rounds, room.round());
        compile(room);
        // a tally of answers given, not room state: the fold keeps only each party's latest answer
        if (event.data() instanceof AcceptedData d) {
            count(d.party(), MoveCounts::plusAccept);
        } else if (event.data() instanceof RejectedData d) {
            count(d.party(), MoveCounts::plusReject);
        }
        List<OfferView> offers = room.offers();
        if (!offers.isEmpty() && offers.get(offers.size() - 1).seq() == event.seq()) {
            move(event, offers);
        }
        AgreementView agreed = room.agreement();
        if (agreed != null && agreed.seq() == event.seq()) {
            long millis = Duration.between(start, at).toMillis();
            if (timeToAgreement == null) {
                timeToAgreement = millis;
            }
            agreement = new AgreedFigures(event.seq(), event.at(), agreed.ref(), agreed.pkg(), millis,
                    utilities(options, profiles, agreed.pkg()));
            profilesAtAgreement = profiles;
            optionsAtAgreement = options;
            path(event.seq(), agreed.ref(), "agreement", null, agreed.pkg());
        }
    }

    /**
     * The profiles of the interests in force under the agenda in force, compiled again when either
     * changes (interests carry over to an amended agenda: added issues and options worth 0).
     */
    private void compile(RoomView room) {
        if (room.agenda() == null || room.agenda() == compiledAgenda && room.interests().equals(compiledInterests)) {
            return;
        }
        compiledAgenda = room.agenda();
        compiledInterests = Map.copyOf(room.interests());
        options = new AgendaOptions(compiledAgenda);
        Map<String, PartyProfile> next = new HashMap<>();
        compiledInterests.forEach((party, interests) -> next.put(party, InterestsRules.compile(options, interests)));
        profiles = Map.copyOf(next);
    }

    private void count(String party, UnaryOperator<MoveCounts> plus) {
        moves.put(party, plus.apply(moves.getOrDefault(party, MoveCounts.NONE)));
    }

    /** The offer or trade this event put on the table (the last of {@code offers}), against its author's previous one. */
    private void move(EventMessage event, List<OfferView> offers) {
        OfferView offer = offers.get(offers.size() - 1);
        String party = offer.party();
        Package pkg = offer.pkg();
        boolean trade = "trade".equals(offer.kind());
        count(party, trade ? MoveCounts::plusTrade : MoveCounts::plusOffer);
        OfferView previous = null;
        for (int i = offers.size() - 2; i >= 0 && previous == null; i--) {
            previous = party.equals(offers.get(i).party()) ? offers.get(i) : null;
        }
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
        Map<String, Integer> now = utilities(options, profiles, pkg);
        Map<String, Integer> deltas = null;
        if (previous != null) {
            Map<String, Integer> then = utilities(options, profiles, previous.pkg());
            deltas = new TreeMap<>();
            for (Map.Entry<String, Integer> u : now.entrySet()) {
                deltas.put(u.getKey(), u.getValue() - then.get(u.getKey()));
            }
        }
        // give and get need the mover's interests: without them, no one can tell a concession from a demand
        boolean judged = previous != null && mover != null;
        concessions.add(new Move(event.seq(), event.at(), offer.ref(), offer.kind(), party, offer.on(),
                trade ? new Move.Declared(offer.give(), offer.get()) : null, pkg,
                previous == null ? null : previous.ref(), changes, judged ? give : null, judged ? get : null, now,
                deltas));
        firstMoves.putIfAbsent(party, offer);
        path(event.seq(), offer.ref(), offer.kind(), party, pkg);
    }

    /** Each visible party's utility for a package on the table, under its interests in force now. */
    private void path(long seq, String ref, String kind, String party, Package pkg) {
        utilities(options, profiles, pkg).forEach((p, u) ->
                paths.computeIfAbsent(p, x -> new ArrayList<>()).add(new PathPoint(seq, ref, kind, party, u)));
    }

    /** The utility of a package for every party whose interests this viewer sees, by party name. */
    private static Map<String, Integer> utilities(AgendaOptions options, Map<String, PartyProfile> profiles,
                                                  Package pkg) {
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

    private SessionFigures result(RoomViewData room) {
        parties = room.parties().stream().map(PartyView::name).toList();
        Map<String, MoveCounts> counts = new LinkedHashMap<>();
        parties.forEach(party -> counts.put(party, MoveCounts.NONE));
        counts.putAll(moves); // every party, in the room's order, then anyone else who moved
        return new SessionFigures(room.roomId(), room.role(), room.seq(), room.head(), new ArrayList<>(parties),
                new ArrayList<>(new TreeMap<>(profiles).keySet()), start == null ? null : start.toString(),
                timeToAgreement, agreement, rounds, counts, concessions, paths, jointGain());
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
        Integer joint = joint(utilities(optionsAtAgreement, seen, agreed), complete);
        List<JointGain.Baseline> firsts = new ArrayList<>();
        firstMoves.forEach((party, first) -> firsts.add(baseline(party, first.ref(), first.pkg(), seen, complete, joint)));
        return new JointGain(new ArrayList<>(new TreeMap<>(seen).keySet()), complete,
                baseline(null, agreement.ref(), agreed, seen, complete, joint), firsts,
                baseline(null, null, split(agreed), seen, complete, joint));
    }

    private JointGain.Baseline baseline(String party, String ref, Package pkg,
                                        Map<String, PartyProfile> seen, boolean complete, Integer agreedJoint) {
        Map<String, Integer> utilities = utilities(optionsAtAgreement, seen, pkg);
        Integer joint = joint(utilities, complete);
        return new JointGain.Baseline(party, ref, pkg, utilities, joint,
                joint == null || agreedJoint == null ? null : agreedJoint - joint);
    }

    private static Integer joint(Map<String, Integer> utilities, boolean complete) {
        return complete ? utilities.values().stream().mapToInt(Integer::intValue).sum() : null;
    }

    /**
     * Every range issue at the middle of its range, every other issue as agreed, on the agenda in
     * force at the agreement (an issue added later has no agreed option).
     */
    private Package split(Package agreed) {
        Package.Builder split = new Package.Builder();
        int[] counts = optionsAtAgreement.optionCounts();
        for (int i = 0; i < optionsAtAgreement.issueCount(); i++) {
            String id = optionsAtAgreement.issue(i).id();
            split.put(id, optionsAtAgreement.isRange(i)
                    ? optionsAtAgreement.wireValue(i, (counts[i] - 1) / 2) : agreed.get(id));
        }
        return split.build();
    }
}
