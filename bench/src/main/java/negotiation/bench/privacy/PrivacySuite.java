package negotiation.bench.privacy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import negotiation.bench.machine.Machine;
import negotiation.engine.DrawRule;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.events.PrivacyLevel;
import negotiation.events.ProposalsComputed;
import negotiation.room.FloorBands;

/**
 * {@code java -jar bench/target/benchmarks.jar privacy [--quick] [--part keep,concede,honest,fair]
 * [--keep-mechanisms ideal,before,after] [--adversaries ...] [--victims ...] [--check] [--scenarios DIR]}:
 * what an active party can learn of the other's floor, round by round, against the real room
 * aggregate (victims that keep their floor: {@code keep}, exactly; victims that concede:
 * {@code concede}, {@link ConcedingVictims}), what privacy costs honest parties ({@code honest},
 * {@link HonestTable}) and the fairness of the recommendations ({@code fair}, {@link HonestParties}).
 *
 * <p>For a keeping victim the consistent set is exact. A candidate victim floor changes a round only
 * through the victim's acceptable set (which changes only at the victim's utility of some package)
 * and, under floor bands, through the cell that holds it (cut by {@link FloorBands} from the seed
 * and the victim's frontier utilities). So the floors 0..10000 fall into pieces, each an interval
 * between such points, whose floors all give the same rounds: the bench runs one real room per
 * piece, with the piece's top as the victim's floor, and keeps the pieces whose rounds match,
 * package for package and safe offer for safe offer, what the adversary saw. The bench splits a
 * piece at every cut a round could make of what is still consistent, a refinement of the room's
 * fixed cells, so the pieces stay exact. That the piece holding the true floor always survives is
 * checked on every round.
 */
public final class PrivacySuite {
    private static final int[] REPORTED = {1, 2, 3, 4, 5, 10, 20};

    enum Mechanism {
        IDEAL("ideal mediator (zopa bit only)", -1, DrawRule.PRODUCT),
        BEFORE("before: floors as entered, product draw", 0, DrawRule.PRODUCT),
        AFTER("now: fixed partitions, bands of 2000, fair-first draw", FloorBands.DEFAULT_WIDTH, DrawRule.FAIR_FIRST);

        final String label;
        final int band;
        final DrawRule draw;

        Mechanism(String label, int band, DrawRule draw) {
            this.label = label;
            this.band = band;
            this.draw = draw;
        }

        void configure(Rooms rooms) {
            if (rooms != null) rooms.level(new PrivacyLevel(Math.max(0, band)));
            System.setProperty("negotiation.draw", draw == DrawRule.PRODUCT ? "product" : "fair");
        }
    }

    /** One interval of victim floors whose rounds are all alike, with its own real room. */
    private static final class Piece {
        final int lo;
        final int hi;
        FloorBands.Band known = FloorBands.Band.ALL;
        String room;

        Piece(int lo, int hi) {
            this.lo = lo;
            this.hi = hi;
        }
    }

    record Seen(int round, int error, int hull, long count) {
    }

    private PrivacySuite() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int at = Arrays.asList(args).indexOf("--scenarios");
        Path scenarios = Path.of(at >= 0 ? args[at + 1] : "server/src/test/resources/scenarios");
        List<Negotiation> negotiations = new ArrayList<>(Negotiation.scenarios(scenarios));
        int randoms = quick ? 2 : 6;
        for (int i = 0; i < randoms; i++) negotiations.add(Negotiation.random(1_000 + i));
        int rounds = quick ? 10 : 20;
        int[] floorShares = quick ? new int[] {25, 75} : new int[] {10, 35, 65, 90};
        long started = System.nanoTime();

        List<String> parts = at(args, "--part") == null ? List.of("keep", "concede", "honest", "fair")
                : List.of(at(args, "--part").split(","));
        System.out.println("# Privacy bench" + (quick ? " (quick)" : "") + ", parts " + parts);
        System.out.println();
        if (parts.contains("keep")) {
            List<Mechanism> mechanisms = at(args, "--keep-mechanisms") == null ? List.of(Mechanism.values())
                    : Arrays.stream(at(args, "--keep-mechanisms").split(",")).map(m -> Mechanism.valueOf(m.toUpperCase(Locale.ROOT))).toList();
            keeping(negotiations, rounds, floorShares, mechanisms);
        }
        if (parts.contains("concede")) {
            int concedeRounds = quick ? 8 : 12;
            List<String> victims = at(args, "--victims") == null ? null : List.of(at(args, "--victims").split(","));
            int[] shares = quick ? new int[] {65, 90} : new int[] {35, 65, 90};
            System.out.println("Victims that concede: " + negotiations.size() + " agendas, each party in turn the victim, first floor at "
                    + Arrays.toString(shares) + " % of its utilities, " + concedeRounds
                    + " rounds; each cell: smallest width over all rounds / 10th percentile at round 8 / share of rounds below the band width.");
            System.out.println();
            ConcedingVictims.report(negotiations, concedeRounds, shares,
                    List.of(new ConcedingVictims.Mechanism("bands of 2000", 2000)), adversaries(args),
                    ConcedingVictims.VICTIMS.stream().filter(v -> victims == null || victims.contains(v.label())).toList(), 8,
                    Arrays.asList(args).contains("--check"));
            System.out.println();
        }
        if (parts.contains("honest")) {
            List<Negotiation> honest = new ArrayList<>(Negotiation.scenarios(scenarios));
            // the point-of-sale case as a new user tried it: walk-away points 55 (buyer) and 45 (seller)
            honest.stream().filter(n -> n.name().equals("pos-system")).findFirst()
                    .ifPresent(pos -> honest.add(pos.withReservation("pos-system-55-45", 5500, 4500)));
            for (int i = 0; i < (quick ? 10 : 60); i++) honest.add(Negotiation.realistic(3_000 + i));
            for (int i = 0; i < (quick ? 10 : 60); i++) honest.add(Negotiation.random(2_000 + i));
            for (HonestTable.Schedule schedule : HonestTable.Schedule.values()) HonestTable.report(honest, 10, schedule);
        }
        if (parts.contains("fair")) {
            List<Negotiation> honest = new ArrayList<>(Negotiation.scenarios(scenarios));
            for (int i = 0; i < (quick ? 20 : 100); i++) honest.add(Negotiation.random(2_000 + i));
            HonestParties.report(honest, quick ? 10 : 20);
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "Machine: %s; %.0f s.%n", Machine.describe(), (System.nanoTime() - started) / 1e9);
    }

    private static List<ConcedingVictims.Adversary> adversaries(String[] args) {
        if (at(args, "--adversaries") == null) return List.of(ConcedingVictims.Adversary.values());
        return Arrays.stream(at(args, "--adversaries").split(","))
                .map(s -> ConcedingVictims.Adversary.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'))).toList();
    }

    private static String at(String[] args, String flag) {
        int i = Arrays.asList(args).indexOf(flag);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : null;
    }

    /** Victims that keep their floor, the consistent set computed exactly from the rounds. */
    private static void keeping(List<Negotiation> negotiations, int rounds, int[] floorShares, List<Mechanism> mechanisms) {
        System.out.println(negotiations.size() + " agendas (" + negotiations.stream().map(Negotiation::name).toList()
                + "), each party in turn the victim, victim floors at " + Arrays.toString(floorShares)
                + " % of its utilities, " + rounds + " rounds; the victim re-submits the same interests every round.");
        System.out.println();
        System.out.println("| mechanism | strategy | R | mean error (bp) | within 500 bp | mean consistent width (bp) | smallest width (bp) | fewest consistent floors |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Mechanism mechanism : mechanisms) {
            for (Strategy strategy : Strategy.values()) {
                TreeMap<Integer, List<Seen>> byRound = new TreeMap<>();
                try (Rooms rooms = mechanism == Mechanism.IDEAL ? null : new Rooms()) {
                    mechanism.configure(rooms);
                    long runSeed = 7;
                    for (Negotiation n : negotiations) {
                        for (int victim = 0; victim < 2; victim++) {
                            for (int share : floorShares) {
                                int floor = floorAt(n, victim, share);
                                for (Seen seen : attack(rooms, mechanism, strategy, n, 1 - victim, victim, floor, runSeed++, rounds)) {
                                    byRound.computeIfAbsent(seen.round(), r -> new ArrayList<>()).add(seen);
                                }
                            }
                        }
                    }
                }
                for (int r : REPORTED) {
                    List<Seen> seen = byRound.get(r);
                    if (seen == null) continue;
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f %% | %.0f | %d | %d |%n", mechanism.label,
                            strategy.name().toLowerCase(Locale.ROOT), r,
                            seen.stream().mapToInt(Seen::error).average().orElse(0),
                            100.0 * seen.stream().filter(s -> s.error() <= 500).count() / seen.size(),
                            seen.stream().mapToInt(Seen::hull).average().orElse(0),
                            seen.stream().mapToInt(Seen::hull).min().orElse(0),
                            seen.stream().mapToLong(Seen::count).min().orElse(0));
                }
            }
        }
        System.out.println();
    }

    /** The victim's utility at this share of its distinct utilities (within its limits), ascending. */
    static int floorAt(Negotiation n, int victim, int share) {
        List<Integer> utilities = new ArrayList<>(victimUtilities(n, n.profile(victim)));
        return utilities.get(Math.min(utilities.size() - 1, utilities.size() * share / 100));
    }

    private static TreeSet<Integer> victimUtilities(Negotiation n, PartyProfile victim) {
        TreeSet<Integer> utilities = new TreeSet<>();
        for (int[] pkg : n.packages()) {
            boolean allowed = true;
            for (int issue = 0; issue < pkg.length; issue++) allowed &= victim.allowed()[issue][pkg[issue]];
            if (allowed) utilities.add(Engine.utility(victim, pkg));
        }
        return utilities;
    }

    /** One adversary against one victim floor over the rounds: what it could rule out after each. */
    static List<Seen> attack(Rooms rooms, Mechanism mechanism, Strategy strategy, Negotiation n, int adversary,
                             int victim, int floor, long runSeed, int rounds) {
        List<Piece> pieces = new ArrayList<>();
        int below = -1;
        for (int u : victimUtilities(n, n.profile(victim))) {
            pieces.add(new Piece(below + 1, u));
            below = u;
        }
        if (below < FloorBands.MAX_FLOOR) pieces.add(new Piece(below + 1, FloorBands.MAX_FLOOR));
        List<Interests> queries = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        String truth = rooms == null ? null : rooms.open(n.agenda());
        for (Piece piece : pieces) piece.room = rooms == null ? null : rooms.open(n.agenda());

        Random random = new Random(runSeed);
        List<Seen> seen = new ArrayList<>();
        Interests previous = null;
        for (int round = 1; round <= rounds; round++) {
            long seed = random.nextLong();
            ConsistentFloors known = union(pieces);
            Interests query = strategy == Strategy.REPEAT && round % 2 == 0 ? previous
                    : strategy.query(n, adversary, victim, known, round);
            previous = query;
            int[] breakpoints = mechanism.band > 0 ? breakpoints(n, adversary, query, victim) : null;
            if (mechanism.band > 0) pieces = split(rooms, n, pieces, mechanism.band, seed, adversary, victim, queries, seeds, breakpoints);
            String observed = outcome(rooms, mechanism, n, truth, adversary, query, victim, floor, seed);
            List<Piece> consistent = new ArrayList<>();
            for (Piece piece : pieces) {
                if (outcome(rooms, mechanism, n, piece.room, adversary, query, victim, piece.hi, seed).equals(observed)) {
                    if (mechanism.band > 0) {
                        piece.known = FloorBands.bandOf(piece.known, piece.hi, mechanism.band, seed, victim, breakpoints);
                    }
                    consistent.add(piece);
                }
            }
            pieces = consistent;
            queries.add(query);
            seeds.add(seed);
            if (pieces.stream().noneMatch(p -> p.lo <= floor && floor <= p.hi)) {
                throw new IllegalStateException(n.name() + ": the true floor's piece did not match its own round " + round);
            }
            ConsistentFloors now = union(pieces);
            seen.add(new Seen(round, Math.abs(now.median() - floor), now.hullWidth(), now.count()));
        }
        return seen;
    }

    /** Pieces cut where the room's bands for this round are cut; new pieces get a room with the same history. */
    private static List<Piece> split(Rooms rooms, Negotiation n, List<Piece> pieces, int band, long seed, int adversary,
                                     int victim, List<Interests> queries, List<Long> seeds, int[] breakpoints) {
        List<Piece> result = new ArrayList<>();
        for (Piece piece : pieces) {
            for (FloorBands.Band b : FloorBands.cut(piece.known, band, seed, victim, breakpoints)) {
                int lo = Math.max(b.lo(), piece.lo);
                int hi = Math.min(b.hi(), piece.hi);
                if (lo > hi) continue;
                Piece part = new Piece(lo, hi);
                part.known = piece.known;
                if (hi == piece.hi) {
                    part.room = piece.room;
                } else {
                    part.room = rooms.open(n.agenda());
                    for (int r = 0; r < queries.size(); r++) {
                        rooms.round(part.room, n.agenda(), parties(n, adversary, queries.get(r), victim, hi), seeds.get(r));
                    }
                }
                result.add(part);
            }
        }
        return result;
    }

    /** Where the room cuts the victim's bands this round: from interests without floors, as the room does. */
    private static int[] breakpoints(Negotiation n, int adversary, Interests query, int victim) {
        List<PartyProfile> profiles = parties(n, adversary, query, victim, 0).stream().map(n::profile).toList();
        return Engine.frontierUtilities(n.options().optionCounts(), profiles, EngineLimits.DEFAULT)[victim];
    }

    /** What the adversary sees of the round: zopa and every shown package with its rule and ref. */
    private static String outcome(Rooms rooms, Mechanism mechanism, Negotiation n, String room, int adversary,
                                  Interests query, int victim, int floor, long seed) {
        List<Interests> parties = parties(n, adversary, query, victim, floor);
        if (mechanism == Mechanism.IDEAL) {
            List<PartyProfile> profiles = parties.stream().map(n::profile).toList();
            return Boolean.toString(Engine.computeRound(n.options().optionCounts(), profiles, seed, EngineLimits.DEFAULT,
                    DrawRule.PRODUCT).zopa());
        }
        ProposalsComputed round = rooms.round(room, n.agenda(), parties, seed);
        StringBuilder seen = new StringBuilder(Boolean.toString(round.zopa()));
        round.packages().forEach(p -> seen.append(' ').append(p.ref()).append(p.rule()).append(p.pkg()));
        // only the adversary's own entry: the others' are sealed from it
        seen.append(" safe ").append(round.safeOffers() == null ? null : round.safeOffers().get(n.agenda().parties().get(adversary)));
        return seen.toString();
    }

    static List<Interests> parties(Negotiation n, int adversary, Interests query, int victim, int floor) {
        Interests[] parties = new Interests[2];
        parties[adversary] = query;
        parties[victim] = n.withFloor(victim, floor);
        return List.of(parties);
    }

    private static ConsistentFloors union(List<Piece> pieces) {
        List<int[]> intervals = new ArrayList<>();
        pieces.stream().sorted((a, b) -> Integer.compare(a.lo, b.lo)).forEach(p -> {
            int[] last = intervals.isEmpty() ? null : intervals.get(intervals.size() - 1);
            if (last != null && last[1] + 1 == p.lo) last[1] = p.hi;
            else intervals.add(new int[] {p.lo, p.hi});
        });
        return new ConsistentFloors(intervals);
    }

}
