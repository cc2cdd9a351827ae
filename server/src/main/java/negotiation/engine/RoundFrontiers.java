package negotiation.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The frontiers of one round's interests, built once and then read with any floors: the frontier of
 * all packages (for the balanced point) and the frontier within every party's limits, floors
 * ignored. Neither depends on a floor, so the public round (on banded floors), each party's safe
 * offers (its own floor exactly, the others' band tops) and the post-settlement improvements are all
 * filters of the same frontiers, and the floor bands are cut at its utilities (docs/privacy.md).
 */
public final class RoundFrontiers {
    private final List<PartyProfile> parties;
    private final Frontier withinLimits;
    private final int[] balanced;
    private final int[] balancedVector;

    private RoundFrontiers(List<PartyProfile> parties, Frontier withinLimits, int[] balanced, int[] balancedVector) {
        this.parties = parties;
        this.withinLimits = withinLimits;
        this.balanced = balanced;
        this.balancedVector = balancedVector;
    }

    /**
     * Builds both frontiers; the parties' floors are not read.
     *
     * @throws FrontierTooLargeException when the exact frontiers need more than the limits allow
     */
    public static RoundFrontiers build(int[] optionCounts, List<PartyProfile> parties, EngineLimits limits) {
        return build(optionCounts, parties, limits, FrontierBuilder.Strategy.AUTO);
    }

    static RoundFrontiers build(int[] optionCounts, List<PartyProfile> parties, EngineLimits limits,
                                FrontierBuilder.Strategy strategy) {
        Engine.checkAgenda(optionCounts, parties);
        Work work = new Work(limits, parties.size(), optionCounts.length);
        boolean[][] allowed = Engine.allowedByAll(optionCounts, parties);
        // the frontier of all packages first: its cost depends on no floor and no limit
        Frontier all = FrontierBuilder.build(optionCounts, parties, null, work, strategy);
        Frontier withinLimits = allowed == null ? all : FrontierBuilder.build(optionCounts, parties, allowed, work, strategy);
        int best = Engine.best(all, Engine.allPoints(all));
        return new RoundFrontiers(parties, withinLimits, all.pkg(best), all.vector(best));
    }

    /**
     * Each party's distinct utilities on the frontier within limits, ascending: the only points where
     * a change of that party's floor can change what a round shows.
     */
    public int[][] utilities() {
        int[][] utilities = new int[parties.size()][];
        for (int party = 0; party < parties.size(); party++) {
            final int p = party;
            utilities[party] = java.util.stream.IntStream.range(0, withinLimits.size)
                    .map(point -> withinLimits.utility(point, p)).distinct().sorted().toArray();
        }
        return utilities;
    }

    /** The balanced point of rule 2, over all packages. */
    int[] balanced() {
        return balanced;
    }

    /**
     * A round on these floors (the engine's rules 1-4, docs/architecture.md): without an acceptable package {@code Round(false, [])};
     * otherwise the balanced point if acceptable, then packages drawn from the acceptable frontier.
     */
    public Round round(int[] floors, long seed, DrawRule rule) {
        Pool pool = pool(floors, null);
        if (pool.size() == 0) return new Round(false, List.of());
        return new Round(true, draw(pool, floors, seed, rule, List.of(), Rule.BALANCED, Rule.FRONTIER));
    }

    /**
     * Up to three packages acceptable on these floors that are not among {@code shown} (nor share a
     * utility vector with one), drawn as a round's packages are: the balanced point first if it
     * qualifies, then from the acceptable frontier with the same seed and rule.
     */
    public List<int[]> unshown(int[] floors, List<int[]> shown, long seed, DrawRule rule) {
        Pool pool = pool(floors, null);
        if (pool.size() == 0) return List.of();
        return draw(pool, floors, seed, rule, shown, Rule.BALANCED, Rule.FRONTIER).stream().map(Proposal::options).toList();
    }

    /**
     * Packages acceptable on these floors that every party strictly prefers to the agreed one, best
     * first by rule 6 (largest product, then sum, then lexicographically smallest), at most
     * {@code count}, leaving out {@code shown}.
     */
    public List<int[]> improvements(int[] floors, int[] agreed, int count, List<int[]> shown) {
        int[] agreedUtilities = new int[parties.size()];
        for (int party = 0; party < agreedUtilities.length; party++) {
            agreedUtilities[party] = Engine.utility(parties.get(party), agreed);
        }
        List<Integer> better = new ArrayList<>();
        for (int point : Engine.clearingFloors(withinLimits, floors, agreedUtilities)) {
            if (!isShown(withinLimits.vector(point), shown)) better.add(point);
        }
        List<int[]> found = new ArrayList<>();
        while (found.size() < count && !better.isEmpty()) {
            int best = Engine.best(withinLimits, better.stream().mapToInt(Integer::intValue).toArray());
            found.add(withinLimits.pkg(best));
            better.remove(Integer.valueOf(best));
        }
        return found;
    }

    /** The floors each party's profile carries. */
    public static int[] floorsOf(List<PartyProfile> parties) {
        return parties.stream().mapToInt(PartyProfile::floor).toArray();
    }

    private record Pool(int[] points, int[] vectors) {
        int size() {
            return points.length;
        }
    }

    private Pool pool(int[] floors, int[] above) {
        int[] points = Engine.ascendingByVector(withinLimits, Engine.clearingFloors(withinLimits, floors, above));
        int k = parties.size();
        int[] vectors = new int[points.length * k];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(withinLimits.utilities, points[i] * k, vectors, i * k, k);
        }
        return new Pool(points, vectors);
    }

    private List<Proposal> draw(Pool pool, int[] floors, long seed, DrawRule rule, List<int[]> shown,
                                Rule first, Rule rest) {
        List<Proposal> proposals = new ArrayList<>();
        FrontierDraw draw = new FrontierDraw(pool.vectors(), parties.size(), pool.size(), seed, rule);
        for (int[] pkg : shown) {
            draw.remove(vectorOf(pkg));
        }
        if (acceptable(balanced, floors)) {
            if (!isShown(balancedVector, shown)) proposals.add(new Proposal(balanced, first));
            draw.remove(balancedVector);
        }
        while (proposals.size() < Engine.PROPOSALS_PER_ROUND && !draw.isEmpty()) {
            proposals.add(new Proposal(withinLimits.pkg(pool.points()[draw.next()]), rest));
        }
        return List.copyOf(proposals);
    }

    private boolean isShown(int[] vector, List<int[]> shown) {
        for (int[] pkg : shown) {
            if (Arrays.equals(vector, vectorOf(pkg))) return true;
        }
        return false;
    }

    private int[] vectorOf(int[] pkg) {
        return parties.stream().mapToInt(p -> Engine.utility(p, pkg)).toArray();
    }

    private boolean acceptable(int[] pkg, int[] floors) {
        for (int party = 0; party < parties.size(); party++) {
            PartyProfile profile = parties.get(party);
            if (Engine.utility(profile, pkg) < floors[party]) return false;
            for (int issue = 0; issue < pkg.length; issue++) {
                if (!profile.allowed()[issue][pkg[issue]]) return false;
            }
        }
        return true;
    }
}
