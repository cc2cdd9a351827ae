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
import negotiation.wire.view.SuggestionView;

/**
 * A session's figures for a mediator's review, computed only from the events one viewer was
 * given ({@code Visibility}'s output, live or read back from an export): so a party's
 * analysis holds its own utilities, a mediator's those of the parties who unsealed.
 *
 * <p>It keeps no room state of its own: {@link RoomView}'s fold interprets every event and shows
 * this class the room after each one (agenda, interests, offers, agreement); what is added here is
 * only what is read over time from those states: utilities, concessions, moves and joint gain.
 *
 * <p>One rule values every package (docs/analysis.md): under the interests and on the agenda in
 * force at the event that put it on the table, an issue it does not name counting 0. A move's
 * change for a party is the sum of its listed lines: one per issue that differs (an issue added to
 * the agenda since being a line of its own) valued under the interests at the move, plus, when
 * that party's interests changed since the previous position, what the change alone was worth.
 */
public final class SessionAnalysis implements RoomView.Step {
    static final String MEDIATOR = "mediator";
    private Instant start;
    private int rounds;
    private final List<AgreedFigures> agreements = new ArrayList<>();
    /** The agenda and interests {@link #options} and {@link #profiles} were compiled from. */
    private Agenda compiledAgenda;
    private Map<String, Interests> compiledInterests = Map.of();
    private AgendaOptions options;
    private Map<String, PartyProfile> profiles = Map.of();
    private Valuation atAgreement;
    private final Map<String, MoveCounts> moves = new LinkedHashMap<>();
    /** What each package put on the table was worth when it was put there, by ref. */
    private final Map<String, Valuation> valued = new HashMap<>();
    /** Each author's latest position (an offer, trade or suggestion of its own). */
    private final Map<String, Position> positions = new HashMap<>();
    /** Each party's first position, in the order they first moved. */
    private final Map<String, Position> firstMoves = new LinkedHashMap<>();
    private final List<Move> concessions = new ArrayList<>();
    private final Map<String, List<PathPoint>> paths = new TreeMap<>();

    /** A package on the table. */
    private record Position(String ref, String kind, String party, Package pkg) {
    }

    /**
     * The utilities of a package under the interests and agenda of one event, with what they were
     * computed from (kept for the agreement: its profiles and options value the middle package).
     */
    private record Valuation(Map<String, Integer> utilities, int agendaVersion, Map<String, Integer> versions,
                             AgendaOptions options, Map<String, PartyProfile> profiles) {
    }

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
            OfferView offer = offers.get(offers.size() - 1);
            boolean trade = "trade".equals(offer.kind());
            count(offer.party(), trade ? MoveCounts::plusTrade : MoveCounts::plusOffer);
            move(event, room, new Position(offer.ref(), offer.kind(), offer.party(), offer.pkg()), offer.on(),
                    trade ? new Move.Declared(offer.give(), offer.get()) : null);
        }
        List<SuggestionView> suggestions = room.suggestions();
        if (!suggestions.isEmpty() && suggestions.get(suggestions.size() - 1).seq() == event.seq()) {
            SuggestionView s = suggestions.get(suggestions.size() - 1);
            move(event, room, new Position(s.ref(), "suggestion", MEDIATOR, s.pkg()), null, null);
        }
        AgreementView agreed = room.agreement();
        if (agreed != null && agreed.seq() == event.seq()) {
            agree(event, room, agreed, Duration.between(start, at).toMillis());
        }
    }

    private void agree(EventMessage event, RoomView room, AgreementView agreed, long millis) {
        atAgreement = value(room, agreed.pkg());
        String replaces = null;
        if (!agreements.isEmpty()) {
            // an accepted improvement replaces the agreement in force
            AgreedFigures before = agreements.remove(agreements.size() - 1);
            replaces = before.ref();
            agreements.add(before.replacedBy(agreed.ref()));
            String old = replaces;
            paths.values().forEach(path -> path.replaceAll(p -> "agreement".equals(p.kind()) && p.ref().equals(old)
                    ? p.replacedBy(agreed.ref()) : p));
        }
        agreements.add(new AgreedFigures(event.seq(), event.at(), agreed.ref(), agreed.pkg(), agreed.terms(), millis,
                atAgreement.utilities(), replaces, null));
        path(event.seq(), agreed.ref(), "agreement", null, atAgreement);
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

    /** A package under the interests and agenda in force now. */
    private Valuation value(RoomView room, Package pkg) {
        Map<String, Integer> versions = new TreeMap<>();
        profiles.keySet().forEach(party -> versions.put(party, room.interestsVersion(party)));
        return new Valuation(utilities(options, profiles, pkg), room.agendaVersion(), versions, options, profiles);
    }

    /** The position this event put on the table, against its author's previous one. */
    private void move(EventMessage event, RoomView room, Position now, String on, Move.Declared declared) {
        Valuation value = value(room, now.pkg());
        valued.put(now.ref(), value);
        Position previous = positions.put(now.party(), now);
        if (!MEDIATOR.equals(now.party())) {
            firstMoves.putIfAbsent(now.party(), now);
        }
        PartyProfile mover = profiles.get(now.party());
        List<Move.Change> changes = new ArrayList<>();
        List<String> give = new ArrayList<>();
        List<String> get = new ArrayList<>();
        Map<String, Integer> deltas = null;
        Map<String, Integer> revalued = null;
        if (previous != null) {
            for (int i = 0; i < options.issueCount(); i++) {
                Move.Change change = change(i, previous.pkg(), now.pkg(), mover == null ? null : now.party());
                if (change == null) {
                    continue;
                }
                changes.add(change);
                if (change.worth() != null && change.worth() != 0) {
                    (change.worth() < 0 ? give : get).add(change.issue());
                }
            }
            Valuation then = valued.get(previous.ref());
            Map<String, Integer> before = utilities(options, profiles, previous.pkg());
            deltas = new TreeMap<>();
            revalued = new TreeMap<>();
            for (Map.Entry<String, Integer> u : value.utilities().entrySet()) {
                String party = u.getKey();
                Integer old = then.utilities().get(party);
                if (old != null && !old.equals(before.get(party))) {
                    revalued.put(party, before.get(party) - old);
                }
                deltas.put(party, u.getValue() - (old == null ? before.get(party) : old));
            }
        }
        // give and get need the mover's interests: without them, no one can tell a concession from a demand
        boolean judged = previous != null && mover != null;
        concessions.add(new Move(event.seq(), event.at(), now.ref(), now.kind(), now.party(), on, declared, now.pkg(),
                value.agendaVersion(), value.versions(), previous == null ? null : previous.ref(), changes,
                judged ? give : null, judged ? get : null, value.utilities(), deltas,
                revalued == null || revalued.isEmpty() ? null : revalued));
        path(event.seq(), now.ref(), now.kind(), now.party(), value);
    }

    /**
     * Issue {@code i} from the previous package to this one, worth to every visible party under the
     * interests in force now; null when unchanged. An option a package does not name counts 0.
     */
    private Move.Change change(int i, Package before, Package after, String mover) {
        String issue = options.issue(i).id();
        int from = options.optionIndex(i, before.get(issue));
        int to = options.optionIndex(i, after.get(issue));
        if (from == to) {
            return null;
        }
        Map<String, Integer> worths = new TreeMap<>();
        profiles.forEach((party, profile) -> worths.put(party,
                (to < 0 ? 0 : profile.points()[i][to]) - (from < 0 ? 0 : profile.points()[i][from])));
        return new Move.Change(issue, from < 0 ? null : before.get(issue), to < 0 ? null : after.get(issue),
                mover == null ? null : worths.get(mover), worths);
    }

    /** Each visible party's point for a package put on the table, as valued then. */
    private void path(long seq, String ref, String kind, String party, Valuation value) {
        value.utilities().forEach((p, u) -> paths.computeIfAbsent(p, x -> new ArrayList<>())
                .add(new PathPoint(seq, ref, kind, party, u, value.agendaVersion(), value.versions().get(p), null)));
    }

    /** The utility of a package for every party whose interests this viewer sees, by party name. */
    private static Map<String, Integer> utilities(AgendaOptions options, Map<String, PartyProfile> profiles,
                                                  Package pkg) {
        Map<String, Integer> out = new TreeMap<>();
        if (options == null) {
            return out;
        }
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
        List<String> parties = room.parties().stream().map(PartyView::name).toList();
        Map<String, MoveCounts> counts = new LinkedHashMap<>();
        parties.forEach(party -> counts.put(party, MoveCounts.NONE));
        counts.putAll(moves); // every party, in the room's order, then anyone else who moved
        AgreedFigures inForce = agreements.isEmpty() ? null : agreements.get(agreements.size() - 1);
        return new SessionFigures(room.roomId(), room.role(), room.seq(), room.head(), new ArrayList<>(parties),
                new ArrayList<>(new TreeMap<>(profiles).keySet()), start == null ? null : start.toString(),
                inForce == null ? null : inForce.millisFromStart(), inForce, List.copyOf(agreements), rounds, counts,
                concessions, paths, jointGain(inForce, parties));
    }

    /**
     * The agreement in force beside each party's first offer and the middle package, for the parties
     * this viewer saw at the agreement. Joint figures (sums) only when every party is seen.
     */
    private JointGain jointGain(AgreedFigures agreement, List<String> parties) {
        if (agreement == null || atAgreement.profiles().isEmpty()) {
            return null;
        }
        boolean complete = atAgreement.profiles().keySet().containsAll(parties);
        Integer joint = joint(agreement.utilities(), parties, complete);
        List<JointGain.Baseline> firsts = new ArrayList<>();
        firstMoves.forEach((party, first) -> firsts.add(baseline(party, first.ref(), first.pkg(),
                valued.get(first.ref()).utilities(), parties, complete, joint)));
        Package middle = middle(atAgreement.options());
        return new JointGain(new ArrayList<>(new TreeMap<>(atAgreement.profiles()).keySet()), complete,
                atAgreement.agendaVersion(), atAgreement.versions(),
                baseline(null, agreement.ref(), agreement.pkg(), agreement.utilities(), parties, complete, joint), firsts,
                baseline(null, null, middle, utilities(atAgreement.options(), atAgreement.profiles(), middle), parties,
                        complete, joint));
    }

    private static JointGain.Baseline baseline(String party, String ref, Package pkg, Map<String, Integer> utilities,
                                               List<String> parties, boolean complete, Integer agreedJoint) {
        Integer joint = joint(utilities, parties, complete);
        return new JointGain.Baseline(party, ref, pkg, utilities, joint,
                joint == null || agreedJoint == null ? null : agreedJoint - joint);
    }

    /** The sum of every party's utility, when every one is known. */
    private static Integer joint(Map<String, Integer> utilities, List<String> parties, boolean complete) {
        return complete && utilities.keySet().containsAll(parties)
                ? utilities.values().stream().mapToInt(Integer::intValue).sum() : null;
    }

    /**
     * The middle package on the agenda in force at the agreement: every issue at its middle option
     * (the lower of the two middle ones for an even count), the same "middle" as the yardstick
     * every party's agreement document states.
     */
    private static Package middle(AgendaOptions agenda) {
        Package.Builder middle = new Package.Builder();
        int[] counts = agenda.optionCounts();
        for (int i = 0; i < agenda.issueCount(); i++) {
            middle.put(agenda.issue(i).id(), agenda.wireValue(i, (counts[i] - 1) / 2));
        }
        return middle.build();
    }
}
