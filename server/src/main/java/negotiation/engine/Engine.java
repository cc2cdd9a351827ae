package negotiation.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The negotiation engine: exact, reproducible rounds of proposals and post-settlement improvements (DESIGN.md, "The engine"). */
public final class Engine {

    /** The most packages an agenda may have: every round enumerates them all. */
    public static final long MAX_PACKAGES = 2_000_000;

    /**
     * The most packages this engine solves within about a second for so many parties: with
     * four or more parties nearly every package lands on the frontier, which is built whole
     * (measured on 2 cores: 4 parties x 1,000,000 packages 0.8-3 s; 8 x 390,000 7-10 s).
     */
    public static long maxPackages(int parties) {
        return parties <= 3 ? MAX_PACKAGES : parties == 4 ? 200_000 : 50_000;
    }

    /** At most this many proposals per round: the recommendation and two alternatives. */
    static final int PROPOSALS_PER_ROUND = 3;

    private static final int MIN_PARTIES = 2;
    private static final int MAX_PARTIES = 8;
    private static final int MAX_UTILITY = 10_000;

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

    /**
     * One round (DESIGN rules 1-4): without an acceptable package {@code Round(false, [])};
     * otherwise the balanced point (largest product of utilities over all packages; ties: larger
     * sum, then lexicographically smallest option indices) if it is acceptable, then packages
     * drawn from the acceptable Pareto frontier with {@code new Random(seed)}, three at most.
     * Packages are option indices in agenda order; the parties' order is part of the result.
     */
    public static Round computeRound(int[] optionCounts, List<PartyProfile> parties, long seed) {
        Survey survey = survey(optionCounts, parties);
        if (survey.frontier().isEmpty()) return new Round(false, List.of());

        List<Proposal> proposals = new ArrayList<>();
        FrontierDraw draw = new FrontierDraw(survey.frontier().points(), seed);
        int[] balancedPoint = PackageWalk.options(optionCounts, survey.balanced().ordinal());
        if (acceptable(parties, balancedPoint)) {
            proposals.add(new Proposal(balancedPoint, Rule.BALANCED));
            draw.remove(survey.balanced().utilities());
        }
        while (proposals.size() < PROPOSALS_PER_ROUND && !draw.isEmpty()) {
            proposals.add(new Proposal(PackageWalk.options(optionCounts, draw.next().ordinal()), Rule.FRONTIER));
        }
        return new Round(true, List.copyOf(proposals));
    }

    /** What one walk over all packages finds: the balanced point and the acceptable Pareto frontier. */
    record Survey(BestPackage balanced, ParetoFrontier frontier) {
    }

    static Survey survey(int[] optionCounts, List<PartyProfile> parties) {
        checkAgenda(optionCounts, parties);
        int[] floors = floors(parties);
        Survey survey = new Survey(new BestPackage(), new ParetoFrontier(parties.size()));
        PackageWalk.walk(optionCounts, parties, (ordinal, utilities, withinLimits) -> {
            survey.balanced().offer(ordinal, utilities);
            if (withinLimits && clearsFloors(utilities, floors)) survey.frontier().add(ordinal, utilities);
        });
        return survey;
    }

    /**
     * The post-settlement improvement (DESIGN rule 6): among acceptable packages that every party
     * strictly prefers to the agreed one, the largest product (ties: larger sum, then
     * lexicographically smallest); empty when there is none.
     */
    public static Optional<Proposal> improvement(int[] optionCounts, List<PartyProfile> parties, int[] agreed) {
        checkAgenda(optionCounts, parties);
        checkPackage(optionCounts, agreed);
        int[] floors = floors(parties);
        int[] agreedUtilities = parties.stream().mapToInt(p -> utility(p, agreed)).toArray();
        BestPackage best = new BestPackage();
        PackageWalk.walk(optionCounts, parties, (ordinal, utilities, withinLimits) -> {
            if (withinLimits && clearsFloors(utilities, floors)
                    && Utilities.strictlyBetterForAll(utilities, agreedUtilities)) {
                best.offer(ordinal, utilities);
            }
        });
        return best.isEmpty()
                ? Optional.empty()
                : Optional.of(new Proposal(PackageWalk.options(optionCounts, best.ordinal()), Rule.IMPROVEMENT));
    }

    /** A party's utility for a package: the sum over issues of its points for the chosen option. */
    public static int utility(PartyProfile party, int[] pkg) {
        int utility = 0;
        for (int issue = 0; issue < pkg.length; issue++) utility += party.points()[issue][pkg[issue]];
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

    private static int[] floors(List<PartyProfile> parties) {
        return parties.stream().mapToInt(PartyProfile::floor).toArray();
    }

    private static boolean clearsFloors(int[] utilities, int[] floors) {
        for (int party = 0; party < floors.length; party++) {
            if (utilities[party] < floors[party]) return false;
        }
        return true;
    }

    // The walk, the counting sort and the long products rely on these bounds.
    private static void checkAgenda(int[] optionCounts, List<PartyProfile> parties) {
        if (parties.size() < MIN_PARTIES || parties.size() > MAX_PARTIES) {
            throw new IllegalArgumentException("2 to 8 parties, got " + parties.size());
        }
        long packages = packageCount(optionCounts);
        if (packages < 1 || packages > MAX_PACKAGES) {
            throw new IllegalArgumentException("1 to " + MAX_PACKAGES + " packages, got " + packages);
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
