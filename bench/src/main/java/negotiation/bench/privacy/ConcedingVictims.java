package negotiation.bench.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.PartyProfile;
import negotiation.events.Interests;
import negotiation.events.PrivacyLevel;
import negotiation.room.FloorBands;

/**
 * Victims that concede, against adversaries that assume concessions are monotone: the victim's
 * floor drops each round (by 100, 200, 500 or a random 100..500 points, as honest parties do), or
 * stays (the keeping victim, for comparison). The adversary is told the victim's band every round
 * (read from the room's state: more than the rounds show, since every output of a round depends on
 * the floor only through the band), assumes each new floor is at most every earlier band's top, and
 * so holds the current floor's consistent set {@code [band.lo, min(band.hi, earlier tops)]} (for a
 * keeping victim, the intersection of all its bands). Its width in every round is what is measured.
 */
final class ConcedingVictims {
    /** How the adversary picks its own interests each round; only the victim's band is measured. */
    enum Adversary {
        /** Its true interests. */
        PASSIVE,
        /** Limits leaving one package, at the consistent set's median (the binary search of the keeping bench). */
        SINGLE,
        /** Values mirroring the victim's, so every package is on the frontier and every victim utility a cut candidate. */
        MIRROR,
        /**
         * Steers the cuts: from its true interests, the mirror and a one-package query per package near
         * the upper bound, the one whose victim frontier utilities make a fresh cut (the seed is known to
         * it, the worst case) overlap its upper bound least, averaged over the floors it expects.
         */
        STEER
    }

    /** A victim's floor schedule: the step it concedes each round (0: keeps), or random 100..500 when -1. */
    record Victim(String label, int step) {
        int next(int floor, Random random) {
            int by = step >= 0 ? step : 100 + random.nextInt(401);
            return Math.max(0, floor - by);
        }

        boolean keeps() {
            return step == 0;
        }
    }

    static final List<Victim> VICTIMS = List.of(new Victim("keeps", 0), new Victim("concedes 100", 100),
            new Victim("concedes 200", 200), new Victim("concedes 500", 500), new Victim("concedes 100-500", -1));

    /** One round of one run: the consistent set's width and the round number. */
    record Width(int round, int width) {
    }

    private ConcedingVictims() {
    }

    /** A mechanism of the table: its label and the room's band width (0: exact floors). */
    record Mechanism(String label, int width) {
    }

    static void report(List<Negotiation> negotiations, int rounds, int[] floorShares, List<Mechanism> mechanisms,
                       int quantileRound) {
        System.out.println("| mechanism | adversary | " + String.join(" | ", VICTIMS.stream().map(Victim::label).toList())
                + " |");
        System.out.println("|---|---|" + "---|".repeat(VICTIMS.size()));
        for (Mechanism mechanism : mechanisms) {
            for (Adversary adversary : Adversary.values()) {
                StringBuilder row = new StringBuilder("| " + mechanism.label() + " | " + adversary.name().toLowerCase(Locale.ROOT));
                for (Victim victim : VICTIMS) {
                    List<Width> widths = new ArrayList<>();
                    long runSeed = 17;
                    try (Rooms rooms = new Rooms()) {
                        for (Negotiation n : negotiations) {
                            for (int v = 0; v < 2; v++) {
                                for (int share : floorShares) {
                                    widths.addAll(run(rooms, mechanism.width(), adversary, victim, n, 1 - v, v,
                                            PrivacySuite.floorAt(n, v, share), runSeed++, rounds));
                                }
                            }
                        }
                    }
                    int[] atRound = widths.stream().filter(w -> w.round() == quantileRound).mapToInt(Width::width).sorted().toArray();
                    int min = widths.stream().mapToInt(Width::width).min().orElse(-1);
                    long below = widths.stream().filter(w -> w.width() < mechanism.width()).count();
                    row.append(String.format(Locale.ROOT, " | %d / %d / %.0f %%", min,
                            atRound.length == 0 ? -1 : atRound[atRound.length / 10], 100.0 * below / widths.size()));
                }
                System.out.println(row.append(" |"));
            }
        }
    }

    /** One adversary against one victim over the rounds: the consistent set's width after each. */
    static List<Width> run(Rooms rooms, int width, Adversary adversary, Victim victim, Negotiation n, int a, int v,
                           int startFloor, long runSeed, int rounds) {
        PrivacySuite.configureWidth(width);
        String room = rooms.open(n.agenda(), new PrivacyLevel(width));
        String victimName = n.agenda().parties().get(v);
        Random random = new Random(runSeed);
        Random steps = new Random(runSeed ^ 0x5DEECE66DL);
        int floor = startFloor;
        int lower = FloorBands.MIN_FLOOR;
        int upper = FloorBands.MAX_FLOOR;
        List<Width> widths = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long seed = random.nextLong();
            Interests query = query(n, adversary, a, v, lower, upper, seed, width, victim.keeps());
            rooms.round(room, n.agenda(), PrivacySuite.parties(n, a, query, v, floor), seed);
            FloorBands.Band band = rooms.band(room, victimName);
            if (band == null) band = new FloorBands.Band(floor, floor); // exact floors: the round shows the floor itself
            if (!band.contains(floor)) throw new IllegalStateException(n.name() + ": band " + band + " misses floor " + floor);
            lower = victim.keeps() ? Math.max(lower, band.lo()) : band.lo();
            upper = Math.min(upper, band.hi());
            if (lower > floor || upper < floor) throw new IllegalStateException("the true floor left its consistent set");
            widths.add(new Width(round, upper - lower));
            if (!victim.keeps()) floor = victim.next(floor, steps);
        }
        return widths;
    }

    private static Interests query(Negotiation n, Adversary adversary, int a, int v, int lower, int upper, long seed,
                                   int width, boolean keeps) {
        ConsistentFloors known = new ConsistentFloors(List.of(new int[] {lower, upper}));
        return switch (adversary) {
            case PASSIVE -> n.interests().get(a);
            case SINGLE -> Strategy.SINGLE.query(n, a, v, known, 0);
            case MIRROR -> Strategy.MIRROR.query(n, a, v, known, 0);
            case STEER -> steer(n, a, v, lower, upper, seed, width, keeps);
        };
    }

    /**
     * The query whose fresh cut of the victim's floors (as the rule re-cuts a changed floor: from
     * 0..10000, the seed and the victim's frontier utilities) leaves the least of the floors the
     * adversary expects below its upper bound: the victim's previous floor was in the consistent set
     * and dropped 100 to 500 points.
     */
    private static Interests steer(Negotiation n, int a, int v, int lower, int upper, long seed, int width, boolean keeps) {
        if (width <= 0) return n.interests().get(a);
        int from = keeps ? lower : Math.max(0, lower - 500);
        int to = keeps ? upper : Math.max(0, upper - 100);
        List<Interests> candidates = new ArrayList<>();
        candidates.add(n.interests().get(a));
        candidates.add(Strategy.MIRROR.query(n, a, v, new ConsistentFloors(List.of(new int[] {lower, upper})), 0));
        PartyProfile victim = n.profile(v);
        TreeMap<Integer, int[]> byUtility = new TreeMap<>();
        for (int[] pkg : n.packages()) {
            if (!Strategy.allowed(victim, pkg)) continue;
            int u = Engine.utility(victim, pkg);
            if (u >= from - width && u <= upper) byUtility.putIfAbsent(u, pkg);
        }
        List<int[]> near = new ArrayList<>(byUtility.descendingMap().values());
        for (int i = 0; i < Math.min(24, near.size()); i++) candidates.add(Strategy.pinned(n, near.get(i)));
        Interests best = candidates.get(0);
        double bestWidth = Double.MAX_VALUE;
        Map<String, Boolean> tried = new HashMap<>();
        for (Interests candidate : candidates) {
            int[] breakpoints = Engine.frontierUtilities(n.options().optionCounts(),
                    PrivacySuite.parties(n, a, candidate, v, 0).stream().map(n::profile).toList(), EngineLimits.DEFAULT)[v];
            if (tried.put(Arrays.toString(breakpoints), true) != null) continue;
            List<FloorBands.Band> cut = FloorBands.cut(FloorBands.Band.ALL, width, seed, v, breakpoints);
            double sum = 0;
            int count = 0;
            for (int f = from; f <= to; f += Math.max(1, (to - from) / 20)) {
                for (FloorBands.Band b : cut) {
                    if (b.contains(f)) sum += Math.min(b.hi(), upper) - (keeps ? Math.max(b.lo(), lower) : b.lo());
                }
                count++;
            }
            if (count > 0 && sum / count < bestWidth) {
                bestWidth = sum / count;
                best = candidate;
            }
        }
        return best;
    }
}
