package negotiation.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The negotiation engine: exact, reproducible rounds of proposals and post-settlement improvements
 * (docs/architecture.md, "How the engine decides"), computed on exact Pareto frontiers built issue by issue
 * ({@link FrontierBuilder}) instead of enumerating packages.
 *
 * <p>How each rule reduces to frontiers: the balanced point maximises product, then sum, so it is
 * Pareto-efficient among all packages: it is the best point of the frontier of all packages, ties
 * going to the lexicographically smallest package among the tied points. Acceptable packages clear
 * the limits (options dropped before the merge) and the floors; a package dominating one that clears
 * the floors clears them too, so the acceptable frontier is the frontier within limits, filtered by
 * the floors. The improvement of rule 6 is likewise the best point of the acceptable frontier that is
 * strictly better for every party than the agreed package.
 */
public final class Engine {

    /** At most this many proposals per round: the recommendation and two alternatives. */
    static final int PROPOSALS_PER_ROUND = 3;

    private static final int MIN_PARTIES = 2;
    private static final int MAX_PARTIES = 8;
    private static final int MAX_UTILITY = 10_000;
    /** Option indices are stored in 16 bits; the protocol allows at most 1001 per issue. */
    private static final int MAX_OPTIONS = 65_535;
    /** The protocol allows at most 50 issues. */
    private static final int MAX_ISSUES = 50;

    private Engine() {
    }

    /** The number of packages of an agenda, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    public static long packageCount(int[] optionCounts) {
        long count = 1;
        for (int options : optionCounts) {
            if (options < 0) throw new IllegalArgumentException("option counts must not be negative, got " + options);
            if (options == 0) return 0;
            count = count > Long.MAX_VALUE / options ? Long.MAX_VALUE : count * options;
        }
        return count;
    }

    /** {@link #computeRound(int[], List, long, EngineLimits)} with the {@linkplain EngineLimits#configured() configured} limits. */
    public static Round computeRound(int[] optionCounts, List<PartyProfile> parties, long seed) {
        return computeRound(optionCounts, parties, seed, EngineLimits.configured());
    }

    /**
     * One round (DESIGN rules 1-4): without an acceptable package {@code Round(false, [])};
     * otherwise the balanced point (largest product of utilities over all packages; ties: larger
     * sum, then lexicographically smallest option indices) if it is acceptable, then packages
     * drawn from the acceptable Pareto frontier with {@code new Random(seed)}, three at most, those
     * within 90 % of the frontier's max-min first ({@link DrawRule#FAIR_FIRST}).
     * Packages are option indices in agenda order; the parties' order is part of the result.
     *
     * @throws FrontierTooLargeException when the exact frontiers need more than the limits allow
     */
    public static Round computeRound(int[] optionCounts, List<PartyProfile> parties, long seed, EngineLimits limits) {
        return computeRound(optionCounts, parties, seed, limits, DrawRule.FAIR_FIRST);
    }

    /** {@link #computeRound(int[], List, long, EngineLimits)} with the given draw (the bench compares them). */
    public static Round computeRound(int[] optionCounts, List<PartyProfile> parties, long seed, EngineLimits limits,
                                     DrawRule rule) {
        return RoundFrontiers.build(optionCounts, parties, limits).round(RoundFrontiers.floorsOf(parties), seed, rule);
    }

    /**
     * What a round is drawn from: the balanced point (rule 2) and the acceptable Pareto frontier,
     * its distinct vectors in ascending order (flat, {@code parties} utilities each), each with the
     * lexicographically smallest acceptable package.
     */
    record Survey(int[] balanced, int[] balancedVector, int frontierSize, int[] frontierVectors,
                  Frontier withinLimits, int[] frontierPoints) {
        int[] frontierPackage(int position) {
            return withinLimits.pkg(frontierPoints[position]);
        }

        int[] frontierVector(int position) {
            return withinLimits.vector(frontierPoints[position]);
        }
    }

    static Survey survey(int[] optionCounts, List<PartyProfile> parties, EngineLimits limits) {
        return survey(optionCounts, parties, limits, FrontierBuilder.Strategy.AUTO);
    }

    static Survey survey(int[] optionCounts, List<PartyProfile> parties, EngineLimits limits,
                         FrontierBuilder.Strategy strategy) {
        checkAgenda(optionCounts, parties);
        Work work = new Work(limits, parties.size(), optionCounts.length);
        boolean[][] allowed = allowedByAll(optionCounts, parties);
        // the frontier of all packages first: its cost depends on no floor and no limit
        Frontier all = FrontierBuilder.build(optionCounts, parties, null, work, strategy);
        Frontier withinLimits = allowed == null ? all : FrontierBuilder.build(optionCounts, parties, allowed, work, strategy);
        int[] pool = ascendingByVector(withinLimits, clearingFloors(withinLimits, parties, null));
        int k = parties.size();
        int[] poolVectors = new int[pool.length * k];
        for (int i = 0; i < pool.length; i++) {
            System.arraycopy(withinLimits.utilities, pool[i] * k, poolVectors, i * k, k);
        }
        int balanced = best(all, allPoints(all));
        return new Survey(all.pkg(balanced), all.vector(balanced), pool.length, poolVectors, withinLimits, pool);
    }

    /**
     * Each party's distinct utilities over the Pareto frontier of the packages within every party's
     * limits, floors ignored, ascending: the only points where a change of that party's floor can
     * change a round (the acceptable frontier is this frontier filtered by the floors). The room cuts
     * floor bands there ({@code FloorBands}); no floor enters, so the cut reveals no floor.
     *
     * @throws FrontierTooLargeException when the exact frontier needs more than the limits allow
     */
    public static int[][] frontierUtilities(int[] optionCounts, List<PartyProfile> parties, EngineLimits limits) {
        return RoundFrontiers.build(optionCounts, parties, limits).utilities();
    }

    /** {@link #improvement(int[], List, int[], EngineLimits)} with the {@linkplain EngineLimits#configured() configured} limits. */
    public static Optional<Proposal> improvement(int[] optionCounts, List<PartyProfile> parties, int[] agreed) {
        return improvement(optionCounts, parties, agreed, EngineLimits.configured());
    }

    /**
     * The post-settlement improvement (DESIGN rule 6): among acceptable packages that every party
     * strictly prefers to the agreed one, the largest product (ties: larger sum, then
     * lexicographically smallest); empty when there is none.
     *
     * @throws FrontierTooLargeException when the exact frontier needs more than the limits allow
     */
    public static Optional<Proposal> improvement(int[] optionCounts, List<PartyProfile> parties, int[] agreed,
                                                 EngineLimits limits) {
        checkAgenda(optionCounts, parties);
        checkPackage(optionCounts, agreed);
        return RoundFrontiers.build(optionCounts, parties, limits)
                .improvements(RoundFrontiers.floorsOf(parties), agreed, 1, List.of()).stream()
                .findFirst().map(pkg -> new Proposal(pkg, Rule.IMPROVEMENT));
    }

    /** A party's utility for a package: the sum over issues of its points for the chosen option. */
    public static int utility(PartyProfile party, int[] pkg) {
        int utility = 0;
        for (int issue = 0; issue < pkg.length; issue++) utility += party.points()[issue][pkg[issue]];
        return utility;
    }

    /**
     * What a package picked uniformly at random is worth to a party on average: utility is a sum
     * over issues, so its mean is the sum of each issue's mean points; exact, rounded half up.
     */
    public static int averageUtility(PartyProfile party) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (int[] points : party.points()) {
            long issueTotal = 0;
            for (int p : points) issueTotal += p;
            sum = sum.add(java.math.BigDecimal.valueOf(issueTotal)
                    .divide(java.math.BigDecimal.valueOf(points.length), 12, java.math.RoundingMode.HALF_UP));
        }
        return sum.setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }

    /**
     * What the package made of every issue's middle option is worth to a party: the middle of
     * each range and list (for an even count, the lower of the two middle options), the
     * "split the difference" reference a party can compare a proposal with.
     */
    public static int middleUtility(PartyProfile party) {
        int utility = 0;
        for (int[] points : party.points()) utility += points[(points.length - 1) / 2];
        return utility;
    }

    /** Whether a package clears every party's floor (utility >= floor) and every party's limits. */
    public static boolean acceptable(List<PartyProfile> parties, int[] pkg) {
        for (PartyProfile party : parties) {
            if (utility(party, pkg) < party.floor()) return false;
            for (int issue = 0; issue < pkg.length; issue++) {
                if (!party.allowed()[issue][pkg[issue]]) return false;
            }
        }
        return true;
    }

    // ---- on frontiers

    /** The options every party's limits allow, or null when no limit excludes anything. */
    static boolean[][] allowedByAll(int[] optionCounts, List<PartyProfile> parties) {
        boolean[][] allowed = new boolean[optionCounts.length][];
        boolean anyExcluded = false;
        for (int issue = 0; issue < optionCounts.length; issue++) {
            allowed[issue] = new boolean[optionCounts[issue]];
            for (int option = 0; option < optionCounts[issue]; option++) {
                boolean ok = true;
                for (PartyProfile party : parties) ok &= party.allowed()[issue][option];
                allowed[issue][option] = ok;
                anyExcluded |= !ok;
            }
        }
        return anyExcluded ? allowed : null;
    }

    private static int[] clearingFloors(Frontier frontier, List<PartyProfile> parties, int[] above) {
        return clearingFloors(frontier, RoundFrontiers.floorsOf(parties), above);
    }

    /** Points (ascending) that clear every floor and, when given, are strictly above {@code above} for every party. */
    static int[] clearingFloors(Frontier frontier, int[] floors, int[] above) {
        int[] kept = new int[frontier.size];
        int count = 0;
        for (int point = 0; point < frontier.size; point++) {
            boolean ok = true;
            for (int party = 0; ok && party < frontier.parties; party++) {
                int u = frontier.utility(point, party);
                ok = u >= floors[party] && (above == null || u > above[party]);
            }
            if (ok) kept[count++] = point;
        }
        return Arrays.copyOf(kept, count);
    }

    static int[] allPoints(Frontier frontier) {
        int[] points = new int[frontier.size];
        Arrays.setAll(points, p -> p);
        return points;
    }

    /**
     * Rule 2's best of the given points (ascending, so ascending packages): largest product, then
     * largest sum; on a full tie the first, which has the lexicographically smallest package.
     */
    static int best(Frontier frontier, int[] points) {
        int k = frontier.parties;
        int best = points[0];
        if (k <= Utilities.PARTIES_FITTING_LONG) {
            long bestProduct = longProduct(frontier, best);
            long bestSum = sum(frontier, best);
            for (int point : points) {
                long product = longProduct(frontier, point);
                if (product < bestProduct) continue;
                long sum = sum(frontier, point);
                if (product > bestProduct || sum > bestSum) {
                    best = point;
                    bestProduct = product;
                    bestSum = sum;
                }
            }
            return best;
        }
        BigInteger bestProduct = Utilities.product(frontier.vector(best));
        long bestSum = sum(frontier, best);
        for (int point : points) {
            BigInteger product = Utilities.product(frontier.vector(point));
            int byProduct = product.compareTo(bestProduct);
            if (byProduct < 0) continue;
            long sum = sum(frontier, point);
            if (byProduct > 0 || sum > bestSum) {
                best = point;
                bestProduct = product;
                bestSum = sum;
            }
        }
        return best;
    }

    private static long longProduct(Frontier frontier, int point) {
        long product = 1;
        for (int party = 0; party < frontier.parties; party++) product *= frontier.utility(point, party);
        return product;
    }

    private static long sum(Frontier frontier, int point) {
        long sum = 0;
        for (int party = 0; party < frontier.parties; party++) sum += frontier.utility(point, party);
        return sum;
    }

    /** The points sorted by ascending utility vector: stable counting sorts from the last party to the first. */
    static int[] ascendingByVector(Frontier frontier, int[] points) {
        int k = frontier.parties;
        int[] order = points.clone();
        if (order.length <= 32) {
            // insertion sort; vectors on a frontier are distinct
            for (int i = 1; i < order.length; i++) {
                int point = order[i];
                int j = i - 1;
                while (j >= 0 && Arrays.compare(frontier.utilities, order[j] * k, order[j] * k + k,
                        frontier.utilities, point * k, point * k + k) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = point;
            }
            return order;
        }
        int[] start = new int[MAX_UTILITY + 2];
        int[] sorted = new int[order.length];
        for (int party = k - 1; party >= 0; party--) {
            Arrays.fill(start, 0);
            for (int point : order) start[frontier.utility(point, party) + 1]++;
            for (int u = 1; u < start.length; u++) start[u] += start[u - 1];
            for (int point : order) sorted[start[frontier.utility(point, party)]++] = point;
            int[] swap = order;
            order = sorted;
            sorted = swap;
        }
        return order;
    }

    // ---- checks: the merge, the 16-bit option indices and the long products rely on these bounds

    static void checkAgenda(int[] optionCounts, List<PartyProfile> parties) {
        if (parties.size() < MIN_PARTIES || parties.size() > MAX_PARTIES) {
            throw new IllegalArgumentException("2 to 8 parties, got " + parties.size());
        }
        if (optionCounts.length > MAX_ISSUES) {
            throw new IllegalArgumentException("at most " + MAX_ISSUES + " issues, got " + optionCounts.length);
        }
        for (int options : optionCounts) {
            if (options < 1 || options > MAX_OPTIONS) {
                throw new IllegalArgumentException("1 to " + MAX_OPTIONS + " options per issue, got " + options);
            }
        }
        for (int party = 0; party < parties.size(); party++) {
            checkProfile(optionCounts, parties.get(party), party);
        }
    }

    private static void checkProfile(int[] optionCounts, PartyProfile profile, int party) {
        if (profile.points().length != optionCounts.length || profile.allowed().length != optionCounts.length) {
            throw new IllegalArgumentException("party " + party + ": points and allowed need one row per issue");
        }
        long best = 0;
        for (int issue = 0; issue < optionCounts.length; issue++) {
            int[] points = profile.points()[issue];
            if (points.length != optionCounts[issue] || profile.allowed()[issue].length != optionCounts[issue]) {
                throw new IllegalArgumentException("party " + party + ", issue " + issue + ": need "
                        + optionCounts[issue] + " options");
            }
            int max = 0;
            for (int value : points) {
                if (value < 0) throw new IllegalArgumentException("party " + party + ": negative points " + value);
                max = Math.max(max, value);
            }
            best += max;
        }
        if (best > MAX_UTILITY) {
            throw new IllegalArgumentException("party " + party + ": utilities reach " + best + ", above " + MAX_UTILITY);
        }
        if (profile.floor() < 0 || profile.floor() > MAX_UTILITY) {
            throw new IllegalArgumentException("party " + party + ": floor must be 0..10000, got " + profile.floor());
        }
    }

    private static void checkPackage(int[] optionCounts, int[] pkg) {
        if (pkg.length != optionCounts.length) {
            throw new IllegalArgumentException("a package needs " + optionCounts.length + " options, got " + pkg.length);
        }
        for (int issue = 0; issue < pkg.length; issue++) {
            if (pkg[issue] < 0 || pkg[issue] >= optionCounts[issue]) {
                throw new IllegalArgumentException("issue " + issue + ": no option " + pkg[issue]);
            }
        }
    }
}
