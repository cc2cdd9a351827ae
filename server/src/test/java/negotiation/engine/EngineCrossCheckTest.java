package negotiation.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Compares the engine with the brute-force reference on many small random agendas full of ties. */
class EngineCrossCheckTest {

    /** Few distinct values, so equal utilities, equal products and repeated vectors are common. */
    private static final int[] VALUES = {0, 0, 25, 50, 50, 100};

    @Test
    void twoToFourParties() {
        Random random = new Random(20240601);
        for (int agenda = 0; agenda < 400; agenda++) {
            crossCheck(randomOptions(random, 4, 4), 2 + random.nextInt(3), random, "agenda " + agenda);
        }
    }

    @Test
    void fiveToEightParties() {
        Random random = new Random(77);
        for (int agenda = 0; agenda < 60; agenda++) {
            crossCheck(randomOptions(random, 3, 3), 5 + random.nextInt(4), random, "agenda " + agenda);
        }
    }

    @Test
    void tinyUtilitiesWhereDrawsHitTheCumulativeSums() {
        Random random = new Random(5);
        for (int agenda = 0; agenda < 200; agenda++) {
            int[] optionCounts = randomOptions(random, 3, 4);
            List<PartyProfile> parties = new ArrayList<>();
            for (int party = 2 + random.nextInt(2); party > 0; party--) parties.add(tinyProfile(optionCounts, random));
            crossCheck(optionCounts, parties, random, "agenda " + agenda);
        }
    }

    @Test
    void constantSumAllocationsPutEveryPackageOnTheFrontier() {
        // option o of issue i gives item i to party o % parties: utilities always sum to 10000
        Random random = new Random(9);
        for (int parties = 2; parties <= 5; parties++) {
            int[] optionCounts = new int[6 - parties / 2];
            Arrays.fill(optionCounts, parties);
            int[] weights = randomWeights(optionCounts.length, random);
            List<PartyProfile> profiles = new ArrayList<>();
            for (int party = 0; party < parties; party++) {
                int[][] points = new int[optionCounts.length][parties];
                for (int issue = 0; issue < optionCounts.length; issue++) points[issue][party] = 100 * weights[issue];
                profiles.add(new PartyProfile(points, Scenarios.allAllowed(optionCounts), 0));
            }
            crossCheck(optionCounts, profiles, random, parties + " parties");
        }
    }

    private static void crossCheck(int[] optionCounts, int partyCount, Random random, String name) {
        List<PartyProfile> parties = new ArrayList<>();
        for (int party = 0; party < partyCount; party++) parties.add(randomProfile(optionCounts, random));
        crossCheck(optionCounts, parties, random, name);
    }

    private static void crossCheck(int[] optionCounts, List<PartyProfile> parties, Random random, String name) {
        ReferenceEngine reference = new ReferenceEngine(optionCounts, parties);
        String context = name + " " + Arrays.toString(optionCounts) + " " + ReferenceEngine.describe(parties);

        assertArrayEquals(reference.balancedPoint(), Engine.survey(optionCounts, parties, EngineLimits.DEFAULT).balanced(), context);
        assertEquals(ReferenceEngine.describe(reference.frontier()), EngineTest.frontier(optionCounts, parties), context);
        for (int[] pkg : reference.packages) {
            assertEquals(reference.isAcceptable(pkg), Engine.acceptable(parties, pkg), context);
        }
        for (long seed : new long[] {random.nextLong(), random.nextLong(), random.nextLong()}) {
            assertEquals(ReferenceEngine.describe(reference.round(seed)),
                    ReferenceEngine.describe(Engine.computeRound(optionCounts, parties, seed)), context + " seed " + seed);
        }
        for (int i = 0; i < 3; i++) {
            int[] agreed = reference.packages.get(random.nextInt(reference.packages.size()));
            assertEquals(reference.improvement(agreed).map(Arrays::toString),
                    Engine.improvement(optionCounts, parties, agreed).map(p -> Arrays.toString(p.options())),
                    context + " agreed " + Arrays.toString(agreed));
        }
    }

    private static int[] randomOptions(Random random, int maxIssues, int maxOptions) {
        int[] optionCounts = new int[1 + random.nextInt(maxIssues)];
        Arrays.setAll(optionCounts, issue -> 1 + random.nextInt(maxOptions));
        return optionCounts;
    }

    /** Weights summing to 100, values 0..100, floors mostly low, and now and then a limit. */
    private static PartyProfile randomProfile(int[] optionCounts, Random random) {
        int[] weights = randomWeights(optionCounts.length, random);
        int[][] points = new int[optionCounts.length][];
        boolean[][] allowed = Scenarios.allAllowed(optionCounts);
        for (int issue = 0; issue < optionCounts.length; issue++) {
            points[issue] = new int[optionCounts[issue]];
            for (int option = 0; option < optionCounts[issue]; option++) {
                points[issue][option] = weights[issue] * VALUES[random.nextInt(VALUES.length)];
                allowed[issue][option] = random.nextInt(8) != 0;
            }
        }
        int floor = random.nextInt(3) == 0 ? 0 : 500 * random.nextInt(12);
        return new PartyProfile(points, allowed, floor);
    }

    /** Points 0..3: products of a few units, so exact boundaries and zero products are frequent. */
    private static PartyProfile tinyProfile(int[] optionCounts, Random random) {
        int[][] points = new int[optionCounts.length][];
        for (int issue = 0; issue < optionCounts.length; issue++) {
            points[issue] = random.ints(optionCounts[issue], 0, 4).toArray();
        }
        return new PartyProfile(points, Scenarios.allAllowed(optionCounts), random.nextInt(3));
    }

    private static int[] randomWeights(int issues, Random random) {
        int[] weights = new int[issues];
        int left = 100;
        for (int issue = 0; issue < issues - 1; issue++) {
            weights[issue] = random.nextInt(left + 1);
            left -= weights[issue];
        }
        weights[issues - 1] = left;
        return weights;
    }
}
