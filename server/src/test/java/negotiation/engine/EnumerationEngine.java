package negotiation.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first engine: every package enumerated (what GENIUS and NegMAS do). It is exact but stops at
 * a few million packages. Kept as the baseline the benchmark measures {@link Engine} against, and
 * as a second, independently shaped cross-check in the tests; it lives in test scope (with
 * {@link ParetoFrontier} and {@link PackageWalk}) and reaches the bench through the server's
 * test-jar, so the server jar does not ship it.
 */
public final class EnumerationEngine {

    /** The most packages this enumeration accepts. */
    public static final long MAX_PACKAGES = 2_000_000;

    private EnumerationEngine() {
    }

    /** The same contract as {@link Engine#computeRound(int[], List, long)}, by enumeration. */
    public static Round computeRound(int[] optionCounts, List<PartyProfile> parties, long seed) {
        Survey survey = survey(optionCounts, parties);
        if (survey.frontier().isEmpty()) return new Round(false, List.of());

        List<Proposal> proposals = new ArrayList<>();
        FrontierDraw draw = draw(survey.frontier().points(), seed);
        int[] balancedPoint = PackageWalk.options(optionCounts, survey.balanced().ordinal());
        if (Engine.acceptable(parties, balancedPoint)) {
            proposals.add(new Proposal(balancedPoint, Rule.BALANCED));
            draw.remove(survey.balanced().utilities());
        }
        while (proposals.size() < Engine.PROPOSALS_PER_ROUND && !draw.isEmpty()) {
            proposals.add(new Proposal(PackageWalk.options(optionCounts, survey.frontier().points().get(draw.next()).ordinal()),
                    Rule.FRONTIER));
        }
        return new Round(true, List.copyOf(proposals));
    }

    /** The draw over the frontier's points (already in ascending order), as {@link Engine} draws over its own. */
    private static FrontierDraw draw(List<ParetoFrontier.Point> sorted, long seed) {
        int parties = sorted.isEmpty() ? 0 : sorted.get(0).utilities().length;
        int[] flat = new int[sorted.size() * parties];
        for (int point = 0; point < sorted.size(); point++) {
            System.arraycopy(sorted.get(point).utilities(), 0, flat, point * parties, parties);
        }
        return new FrontierDraw(flat, parties, sorted.size(), seed, DrawRule.FAIR_FIRST);
    }

    /** What one walk over all packages finds: the balanced point and the acceptable Pareto frontier. */
    record Survey(BestPackage balanced, ParetoFrontier frontier) {
    }

    static Survey survey(int[] optionCounts, List<PartyProfile> parties) {
        check(optionCounts, parties);
        int[] floors = floors(parties);
        Survey survey = new Survey(new BestPackage(), new ParetoFrontier(parties.size()));
        PackageWalk.walk(optionCounts, parties, (ordinal, utilities, withinLimits) -> {
            survey.balanced().offer(ordinal, utilities);
            if (withinLimits && clearsFloors(utilities, floors)) survey.frontier().add(ordinal, utilities);
        });
        return survey;
    }

    /** The same contract as {@link Engine#improvement}, by enumeration. */
    public static Optional<Proposal> improvement(int[] optionCounts, List<PartyProfile> parties, int[] agreed) {
        check(optionCounts, parties);
        int[] floors = floors(parties);
        int[] agreedUtilities = parties.stream().mapToInt(p -> Engine.utility(p, agreed)).toArray();
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

    private static void check(int[] optionCounts, List<PartyProfile> parties) {
        Engine.checkAgenda(optionCounts, parties);
        long packages = Engine.packageCount(optionCounts);
        if (packages > MAX_PACKAGES) {
            throw new IllegalArgumentException("enumeration handles 1 to " + MAX_PACKAGES + " packages, got " + packages);
        }
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
}
