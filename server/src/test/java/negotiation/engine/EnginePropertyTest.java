package negotiation.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The frontier engine against plain enumeration ({@link ReferenceEngine}, and the enumeration
 * engine) on thousands of seeded random agendas small enough to enumerate: 2 to 5 parties, random
 * weights and values from tie-heavy sets, zero utilities, floors on exact boundaries, limits that
 * empty whole issues. Every output is compared: the balanced point, the acceptable frontier with
 * each vector's smallest package, the rounds for several seeds, the improvements, under every
 * merge strategy. A failure names the generator seed that reproduces it.
 */
class EnginePropertyTest {

    private static final int AGENDAS = 4000;

    /** Value sets: few distinct values (ties everywhere), zeros, or anything. */
    private static final int[][] VALUE_SETS = {
        {0, 0, 25, 50, 50, 100},
        {0, 100},
        {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100},
        null, // uniform 0..100
    };

    @Test
    void frontierEngineEqualsEnumerationOnRandomAgendas() {
        Random seeds = new Random(4_2026);
        for (int agenda = 0; agenda < AGENDAS; agenda++) {
            long seed = seeds.nextLong();
            check(seed, "agenda " + agenda + " (generator seed " + seed + "L)");
        }
    }

    static void check(long generatorSeed, String name) {
        Random random = new Random(generatorSeed);
        int partyCount = 2 + (random.nextInt(10) < 5 ? 0 : random.nextInt(4)); // half two-party
        int[] optionCounts = optionCounts(random, partyCount);
        List<PartyProfile> parties = new ArrayList<>();
        int style = random.nextInt(3);
        for (int party = 0; party < partyCount; party++) parties.add(profile(optionCounts, random, style));
        parties = withFloors(optionCounts, parties, random);
        String context = name + " " + Arrays.toString(optionCounts) + " " + ReferenceEngine.describe(parties);

        ReferenceEngine reference = new ReferenceEngine(optionCounts, parties);
        int[] balanced = reference.balancedPoint();
        var frontier = ReferenceEngine.describe(reference.frontier());
        Set<FrontierBuilder.Strategy> strategies = EnumSet.allOf(FrontierBuilder.Strategy.class);
        for (FrontierBuilder.Strategy strategy : strategies) {
            Engine.Survey survey = Engine.survey(optionCounts, parties, EngineLimits.DEFAULT, strategy);
            assertArrayEquals(balanced, survey.balanced(), context + " balanced, " + strategy);
            assertEquals(frontier, EngineTest.frontierText(optionCounts, survey), context + " frontier, " + strategy);
        }
        for (int i = 0; i < 3; i++) {
            long seed = random.nextLong();
            String expected = ReferenceEngine.describe(reference.round(seed));
            assertEquals(expected, ReferenceEngine.describe(Engine.computeRound(optionCounts, parties, seed)),
                    context + " round seed " + seed);
            if (i == 0) {
                assertEquals(expected, ReferenceEngine.describe(EnumerationEngine.computeRound(optionCounts, parties, seed)),
                        context + " enumeration round seed " + seed);
            }
        }
        // the room's band cuts (rule 8): each party's utilities over the frontier within limits, floors ignored
        List<PartyProfile> unfloored = parties.stream().map(p -> new PartyProfile(p.points(), p.allowed(), 0)).toList();
        var withinLimits = new ReferenceEngine(optionCounts, unfloored).frontier().keySet();
        int[][] frontierUtilities = Engine.frontierUtilities(optionCounts, parties, EngineLimits.DEFAULT);
        for (int party = 0; party < parties.size(); party++) {
            final int p = party;
            assertArrayEquals(withinLimits.stream().mapToInt(v -> v[p]).distinct().sorted().toArray(), frontierUtilities[party],
                    context + " frontier utilities of party " + party);
        }
        List<int[]> agreed = new ArrayList<>();
        for (int i = 0; i < 3; i++) agreed.add(reference.packages.get(random.nextInt(reference.packages.size())));
        agreed.add(new int[optionCounts.length]); // often dominated: option 0 everywhere
        for (int[] pkg : agreed) {
            assertEquals(reference.improvement(pkg).map(Arrays::toString),
                    Engine.improvement(optionCounts, parties, pkg).map(p -> Arrays.toString(p.options())),
                    context + " improvement on " + Arrays.toString(pkg));
            assertEquals(reference.isAcceptable(pkg), Engine.acceptable(parties, pkg), context);
        }
    }

    /** At most about 200 packages, so the quadratic reference stays quick. */
    private static int[] optionCounts(Random random, int parties) {
        int maxPackages = random.nextInt(4) == 0 ? 200 : 60;
        List<Integer> counts = new ArrayList<>();
        long packages = 1;
        int issues = 1 + random.nextInt(5);
        for (int issue = 0; issue < issues; issue++) {
            int options = 1 + random.nextInt(random.nextBoolean() ? 3 : 6);
            if (packages * options > maxPackages) break;
            packages *= options;
            counts.add(options);
        }
        if (counts.isEmpty()) counts.add(1 + random.nextInt(6));
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * style 0: weights summing to 100 times values 0..100 (the room's profiles); 1: the same with
     * one issue weighing everything; 2: tiny points 0..3, so products tie and hit cumulative sums.
     */
    private static PartyProfile profile(int[] optionCounts, Random random, int style) {
        int[][] points = new int[optionCounts.length][];
        boolean[][] allowed = Scenarios.allAllowed(optionCounts);
        int[] values = VALUE_SETS[random.nextInt(VALUE_SETS.length)];
        int[] weights = style == 1 ? oneWeight(optionCounts.length, random) : weights(optionCounts.length, random);
        int excludeOneIn = new int[] {0, 0, 10, 3}[random.nextInt(4)];
        for (int issue = 0; issue < optionCounts.length; issue++) {
            points[issue] = new int[optionCounts[issue]];
            for (int option = 0; option < optionCounts[issue]; option++) {
                int value = values == null ? random.nextInt(101) : values[random.nextInt(values.length)];
                points[issue][option] = style == 2 ? random.nextInt(4) : weights[issue] * value;
                allowed[issue][option] = excludeOneIn == 0 || random.nextInt(excludeOneIn) != 0;
            }
        }
        return new PartyProfile(points, allowed, 0);
    }

    /** Floors: none, random, exactly some package's utility (the boundary), or out of reach. */
    private static List<PartyProfile> withFloors(int[] optionCounts, List<PartyProfile> parties, Random random) {
        ReferenceEngine reference = new ReferenceEngine(optionCounts, parties);
        List<PartyProfile> floored = new ArrayList<>();
        for (int party = 0; party < parties.size(); party++) {
            PartyProfile p = parties.get(party);
            int floor = switch (random.nextInt(6)) {
                case 0, 1 -> 0;
                case 2 -> random.nextInt(10_001);
                case 3, 4 -> reference.vector(reference.packages.get(random.nextInt(reference.packages.size())))[party];
                default -> 10_000;
            };
            floored.add(new PartyProfile(p.points(), p.allowed(), random.nextInt(8) == 0 ? 10_000 : floor));
        }
        return floored;
    }

    private static int[] weights(int issues, Random random) {
        int[] weights = new int[issues];
        int left = 100;
        for (int issue = 0; issue < issues - 1; issue++) {
            weights[issue] = random.nextInt(3) == 0 ? 0 : random.nextInt(left + 1);
            left -= weights[issue];
        }
        weights[issues - 1] = left;
        return weights;
    }

    private static int[] oneWeight(int issues, Random random) {
        int[] weights = new int[issues];
        weights[random.nextInt(issues)] = 100;
        return weights;
    }
}
