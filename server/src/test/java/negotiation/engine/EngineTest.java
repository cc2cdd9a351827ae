package negotiation.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineTest {

    // ---- the example rooms

    @Test
    void orangeRecommendsJuiceToAnnaAndPeelToBethAlone() {
        Round round = Engine.computeRound(Scenarios.ORANGE_OPTIONS, Scenarios.orange(), 1);
        // (10000, 10000) dominates every other package, so the frontier has nothing left to draw
        assertEquals("zopa BALANCED[0, 2]", ReferenceEngine.describe(round));
    }

    @Test
    void posBalancedPointIsOutsideTheBuyersPriceLimit() {
        int[] balanced = Engine.survey(Scenarios.POS_OPTIONS, Scenarios.pos(), EngineLimits.DEFAULT).balanced();
        assertArrayEquals(new int[] {7, 2, 1, 1}, balanced); // 5500, 1 year, training, instalments
        assertArrayEquals(new ReferenceEngine(Scenarios.POS_OPTIONS, Scenarios.pos()).balancedPoint(), balanced);
        assertFalse(Engine.acceptable(Scenarios.pos(), balanced));
    }

    @Test
    void posAcceptableSetMatchesTheReference() {
        ReferenceEngine reference = new ReferenceEngine(Scenarios.POS_OPTIONS, Scenarios.pos());
        List<String> engine = reference.packages.stream()
                .filter(pkg -> Engine.acceptable(Scenarios.pos(), pkg)).map(Arrays::toString).toList();
        assertEquals(reference.acceptablePackages().stream().map(Arrays::toString).toList(), engine);
        assertEquals(22, engine.size());
        assertTrue(engine.contains("[2, 2, 1, 1]"));
        assertFalse(engine.contains("[3, 2, 1, 1]"), "5100 is above the buyer's limit");
    }

    @Test
    void posFrontierHasSixVectorsWithTheirSmallestPackages() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("[5875, 4350]", "[2, 2, 0, 0]");
        expected.put("[6375, 4310]", "[2, 1, 1, 0]");
        expected.put("[7375, 4110]", "[2, 2, 1, 0]");
        expected.put("[7875, 4010]", "[2, 1, 1, 1]");
        expected.put("[8875, 3810]", "[2, 2, 1, 1]");
        expected.put("[9460, 2970]", "[1, 2, 1, 1]");
        assertEquals(expected, frontier(Scenarios.POS_OPTIONS, Scenarios.pos()));
        assertEquals(expected, ReferenceEngine.describe(new ReferenceEngine(Scenarios.POS_OPTIONS, Scenarios.pos()).frontier()));
    }

    @Test
    void posDrawsMatchValuesComputedOutsideJava() {
        // the product draw (the older rule, still selectable), from an independent Python
        // script emulating java.util.Random and BigInteger(bits, rnd)
        Map<Long, String> expected = Map.of(
                0L, "zopa FRONTIER[2, 2, 0, 0] FRONTIER[1, 2, 1, 1] FRONTIER[2, 2, 1, 0]",
                1L, "zopa FRONTIER[2, 2, 1, 0] FRONTIER[1, 2, 1, 1] FRONTIER[2, 2, 1, 1]",
                2L, "zopa FRONTIER[1, 2, 1, 1] FRONTIER[2, 2, 1, 1] FRONTIER[2, 2, 0, 0]",
                3L, "zopa FRONTIER[2, 2, 1, 1] FRONTIER[2, 1, 1, 1] FRONTIER[2, 1, 1, 0]",
                42L, "zopa FRONTIER[2, 1, 1, 1] FRONTIER[1, 2, 1, 1] FRONTIER[2, 1, 1, 0]",
                -7L, "zopa FRONTIER[2, 2, 1, 0] FRONTIER[1, 2, 1, 1] FRONTIER[2, 1, 1, 1]");
        expected.forEach((seed, round) ->
                assertEquals(round, ReferenceEngine.describe(Engine.computeRound(Scenarios.POS_OPTIONS, Scenarios.pos(), seed,
                        EngineLimits.DEFAULT, DrawRule.PRODUCT)), "seed " + seed));
    }

    @Test
    void posDrawsMatchTheReferenceForManySeeds() {
        assertSameRounds(Scenarios.POS_OPTIONS, Scenarios.pos(), 200);
    }

    @Test
    void incompatibleFloorsGiveNoZopaAndNoPackages() {
        Round round = Engine.computeRound(Scenarios.POS_OPTIONS, Scenarios.pos(8000, 5000), 5);
        assertFalse(round.zopa());
        assertEquals(List.of(), round.proposals());
    }

    /** Tiny utilities so that r often lands exactly on a cumulative sum: options 1 (1, 3), 2 (3, 1), 3 (2, 2). */
    private static List<PartyProfile> tinyProducts() {
        // option 0 repeats (2, 2) and is the balanced point, but A's limit rules it out
        boolean[][] aLimits = {{false, true, true, true}};
        return List.of(new PartyProfile(new int[][] {{2, 1, 3, 2}}, aLimits, 0), profile(new int[][] {{2, 3, 1, 2}}, 0));
    }

    @Test
    void drawsAreWeightedByExactProducts() {
        List<PartyProfile> parties = tinyProducts();
        // from the independent Python script; pool (1, 3), (2, 2), (3, 1) with weights 3, 4, 3
        String[] expected = {"[1][3][2]", "[3][1][2]", "[2][1][3]", "[2][3][1]", "[2][3][1]", "[2][3][1]", "[3][1][2]", "[2][1][3]"};
        int middleFirst = 0;
        for (int seed = 0; seed < 2000; seed++) {
            Round round = Engine.computeRound(new int[] {4}, parties, seed, EngineLimits.DEFAULT, DrawRule.PRODUCT);
            assertTrue(round.proposals().stream().allMatch(p -> p.rule() == Rule.FRONTIER));
            String drawn = round.proposals().stream().map(p -> Arrays.toString(p.options())).reduce("", String::concat);
            if (seed < expected.length) assertEquals(expected[seed], drawn, "seed " + seed);
            if (drawn.startsWith("[3]")) middleFirst++;
        }
        assertTrue(middleFirst > 700 && middleFirst < 900, "(2, 2) should come first about 4 times in 10: " + middleFirst);
    }

    @Test
    void fairFirstDrawsWithinNinetyPercentOfTheMaxMinFirst() {
        List<PartyProfile> parties = tinyProducts();
        // max-min 2: only (2, 2) (option 3) is within 90 %; (1, 3) and (3, 1) follow by product, 3 : 3
        int leftSecond = 0;
        for (int seed = 0; seed < 2000; seed++) {
            Round round = Engine.computeRound(new int[] {4}, parties, seed);
            String drawn = round.proposals().stream().map(p -> Arrays.toString(p.options())).reduce("", String::concat);
            assertTrue(drawn.startsWith("[3]"), "seed " + seed + ": " + drawn);
            if (drawn.startsWith("[3][1]")) leftSecond++;
        }
        assertTrue(leftSecond > 900 && leftSecond < 1100, "(1, 3) should come second about half the time: " + leftSecond);
        assertSameRounds(new int[] {4}, parties, 300);
    }

    // ---- ties

    /** One issue; option 0 gives (4000, 4000), option 1 (2000, 8000), option 2 (8000, 2000): equal products. */
    private static final int[][] TIED_A = {{4000, 2000, 8000}};
    private static final int[][] TIED_B = {{4000, 8000, 2000}};

    @Test
    void equalProductsGoToTheLargerSumThenTheLexicographicallySmallest() {
        List<PartyProfile> parties = List.of(profile(TIED_A, 0), profile(TIED_B, 0));
        Round round = Engine.computeRound(new int[] {3}, parties, 9);
        // option 1 beats option 0 on the sum, and option 2 on the order
        assertEquals(Rule.BALANCED, round.proposals().get(0).rule());
        assertArrayEquals(new int[] {1}, round.proposals().get(0).options());
        assertEquals(3, round.proposals().size());
        assertSameRounds(new int[] {3}, parties, 50);
    }

    @Test
    void equalVectorsAreRepresentedByTheirSmallestAcceptablePackage() {
        // issue 0 does not matter to anyone, so [0, k] and [1, k] share a vector; B's limit excludes [0, *]
        int[][] a = {{0, 0}, TIED_A[0]};
        int[][] b = {{0, 0}, TIED_B[0]};
        boolean[][] bLimits = {{false, true}, {true, true, true}};
        List<PartyProfile> parties = List.of(profile(a, 0), new PartyProfile(b, bLimits, 0));
        int[] options = {2, 3};

        assertArrayEquals(new int[] {0, 1}, Engine.survey(options, parties, EngineLimits.DEFAULT).balanced());
        assertEquals(Map.of("[2000, 8000]", "[1, 1]", "[4000, 4000]", "[1, 0]", "[8000, 2000]", "[1, 2]"),
                frontier(options, parties));
        Round round = Engine.computeRound(options, parties, 3);
        assertTrue(round.proposals().stream().allMatch(p -> p.rule() == Rule.FRONTIER && p.options()[0] == 1));
        assertSameRounds(options, parties, 50);
    }

    // ---- products of zero

    @Test
    void balancedPointIsParetoEfficientWhenEveryProductIsZero() {
        int[][] a = {{0, 5000, 10000}, {0, 0}};
        int[][] nothing = {{0, 0, 0}, {0, 0}};
        List<PartyProfile> parties = List.of(profile(a, 0), profile(nothing, 0));
        Round round = Engine.computeRound(new int[] {3, 2}, parties, 0);
        // every product is 0; the sum picks A's best, which no package dominates
        assertEquals("zopa BALANCED[2, 0]", ReferenceEngine.describe(round));
    }

    /** Options 0 (10000, 0), 1 (0, 10000), 2 (3000, 3000), 3 (2000, 6000); A's limit excludes option 3, the balanced point. */
    private static List<PartyProfile> zeroProductFrontier() {
        boolean[][] aLimits = {{true, true, true, false}};
        return List.of(new PartyProfile(new int[][] {{10000, 0, 3000, 2000}}, aLimits, 0),
                profile(new int[][] {{0, 10000, 3000, 6000}}, 0));
    }

    @Test
    void zeroProductsAreDrawnOnlyAfterThePositiveOnesAndUniformly() {
        List<PartyProfile> parties = zeroProductFrontier();
        Set<String> seconds = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            Round round = Engine.computeRound(new int[] {4}, parties, seed);
            assertEquals(3, round.proposals().size());
            assertArrayEquals(new int[] {2}, round.proposals().get(0).options(), "the only positive product comes first");
            seconds.add(Arrays.toString(round.proposals().get(1).options()));
        }
        assertEquals(Set.of("[0]", "[1]"), seconds);
        assertSameRounds(new int[] {4}, parties, 100);
    }

    // ---- more parties

    /** Three issues, option p of each gives the item to party p; party p values issue i at WEIGHTS[p][i]. */
    private static final int[][] WEIGHTS = {{50, 30, 20}, {20, 50, 30}, {30, 20, 50}};

    private static List<PartyProfile> threeParties(int floor) {
        List<PartyProfile> parties = new ArrayList<>();
        for (int party = 0; party < 3; party++) {
            int[][] points = new int[3][3];
            for (int issue = 0; issue < 3; issue++) points[issue][party] = 100 * WEIGHTS[party][issue];
            parties.add(profile(points, floor));
        }
        return parties;
    }

    @Test
    void threePartiesEachGetTheirMostValuedIssue() {
        Round round = Engine.computeRound(new int[] {3, 3, 3}, threeParties(2000), 11);
        assertEquals(Rule.BALANCED, round.proposals().get(0).rule());
        assertArrayEquals(new int[] {0, 1, 2}, round.proposals().get(0).options());
        assertSameRounds(new int[] {3, 3, 3}, threeParties(2000), 100);
        assertSameRounds(new int[] {3, 3, 3}, threeParties(0), 100);
    }

    @Test
    void eightPartiesUseExactProducts() {
        List<PartyProfile> parties = new ArrayList<>();
        for (int party = 0; party < 8; party++) {
            int[][] points = new int[2][3];
            points[0] = new int[] {10000 - 1000 * party, 9000, 1000 * party};
            points[1] = new int[] {0, 0, 0};
            parties.add(profile(points, 0));
        }
        // products reach 9000^8, far beyond a long; option 2 leaves party 0 with nothing
        assertEquals("zopa BALANCED[1, 0] FRONTIER[0, 0]", ReferenceEngine.describe(Engine.computeRound(new int[] {3, 3}, parties, 4)));
        assertSameRounds(new int[] {3, 3}, parties, 50);
    }

    // ---- improvement

    @Test
    void improvementIsTheBestPackageEveryPartyStrictlyPrefers() {
        assertImprovement(new int[] {0, 0, 0, 0}, Optional.of(new int[] {2, 2, 1, 1}));
        assertImprovement(new int[] {1, 1, 1, 1}, Optional.of(new int[] {2, 2, 1, 1}));
    }

    @Test
    void noImprovementOnTheFrontier() {
        assertImprovement(new int[] {2, 2, 1, 1}, Optional.empty());
        assertImprovement(new int[] {1, 2, 1, 1}, Optional.empty());
        // the buyer's favourite is off the acceptable set, and nothing acceptable beats it for the buyer
        assertImprovement(new int[] {0, 2, 1, 1}, Optional.empty());
    }

    @Test
    void improvementNeedsEveryPartyStrictlyBetter() {
        // option 1 is better for A and only equal for B: not an improvement on option 0
        List<PartyProfile> parties = List.of(profile(new int[][] {{1000, 2000}}, 0), profile(new int[][] {{5000, 5000}}, 0));
        assertTrue(Engine.improvement(new int[] {2}, parties, new int[] {0}).isEmpty());
    }

    @Test
    void improvementForThreeParties() {
        Optional<Proposal> better = Engine.improvement(new int[] {3, 3, 3}, threeParties(0), new int[] {1, 2, 0});
        assertArrayEquals(new int[] {0, 1, 2}, better.orElseThrow().options());
        assertEquals(Rule.IMPROVEMENT, better.orElseThrow().rule());
    }

    // ---- small parts

    @Test
    void utilityAndAcceptable() {
        List<PartyProfile> pos = Scenarios.pos();
        assertEquals(8875, Engine.utility(pos.get(0), new int[] {2, 2, 1, 1}));
        assertEquals(3810, Engine.utility(pos.get(1), new int[] {2, 2, 1, 1}));
        assertTrue(Engine.acceptable(pos, new int[] {2, 2, 1, 1}));
        assertFalse(Engine.acceptable(pos, new int[] {0, 0, 0, 0}), "buyer below floor");
        assertFalse(Engine.acceptable(pos, new int[] {3, 2, 1, 1}), "above the buyer's price limit");
        assertTrue(Engine.acceptable(pos, new int[] {0, 0, 0, 1}), "exactly on the buyer's floor of 5500");
    }

    @Test
    void packageCountSaturates() {
        assertEquals(108, Engine.packageCount(Scenarios.POS_OPTIONS));
        assertEquals(1, Engine.packageCount(new int[0]));
        assertEquals(0, Engine.packageCount(new int[] {5, 0, 7}));
        int[] fifty = new int[50];
        Arrays.fill(fifty, 100);
        assertEquals(Long.MAX_VALUE, Engine.packageCount(fifty));
        assertEquals(Long.MAX_VALUE, Engine.packageCount(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 3}));
        assertEquals(2L * Integer.MAX_VALUE * Integer.MAX_VALUE, Engine.packageCount(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 2}));
        assertEquals(Long.MAX_VALUE, Engine.packageCount(new int[] {1 << 30, 1 << 30, 1 << 30, 1}));
    }

    @Test
    void acceptsTheLargestAgendasAndRefusesWrongShapes() {
        int[] options = {1001, 1001, 2};
        List<PartyProfile> parties = List.of(uniform(options), uniform(options));
        // every package ties at (0, 0): the balanced point is the lexicographically smallest
        assertEquals("zopa BALANCED[0, 0, 0]", ReferenceEngine.describe(Engine.computeRound(options, parties, 0)));
        assertThrows(IllegalArgumentException.class, () -> Engine.computeRound(new int[] {3}, List.of(profile(TIED_A, 0)), 0));
        assertThrows(IllegalArgumentException.class, () -> Engine.improvement(new int[] {3}, List.of(profile(TIED_A, 0), profile(TIED_B, 0)), new int[] {3}));
        int[] fiftyOne = new int[51];
        Arrays.fill(fiftyOne, 2);
        assertThrows(IllegalArgumentException.class, () -> Engine.computeRound(fiftyOne, List.of(uniform(fiftyOne), uniform(fiftyOne)), 0));
    }

    // ---- helpers

    static PartyProfile profile(int[][] points, int floor) {
        int[] optionCounts = Arrays.stream(points).mapToInt(row -> row.length).toArray();
        return new PartyProfile(points, Scenarios.allAllowed(optionCounts), floor);
    }

    private static PartyProfile uniform(int[] optionCounts) {
        int[][] points = new int[optionCounts.length][];
        for (int issue = 0; issue < optionCounts.length; issue++) points[issue] = new int[optionCounts[issue]];
        return new PartyProfile(points, Scenarios.allAllowed(optionCounts), 0);
    }

    /** The engine's acceptable frontier as "vector" -> "package" text, ascending by vector. */
    static Map<String, String> frontier(int[] optionCounts, List<PartyProfile> parties) {
        return frontierText(optionCounts, Engine.survey(optionCounts, parties, EngineLimits.DEFAULT));
    }

    static Map<String, String> frontierText(int[] optionCounts, Engine.Survey survey) {
        Map<String, String> text = new LinkedHashMap<>();
        for (int position = 0; position < survey.frontierSize(); position++) {
            text.put(Arrays.toString(survey.frontierVector(position)), Arrays.toString(survey.frontierPackage(position)));
        }
        return text;
    }

    static void assertSameRounds(int[] optionCounts, List<PartyProfile> parties, int seeds) {
        ReferenceEngine reference = new ReferenceEngine(optionCounts, parties);
        for (long seed = 0; seed < seeds; seed++) {
            assertEquals(ReferenceEngine.describe(reference.round(seed)),
                    ReferenceEngine.describe(Engine.computeRound(optionCounts, parties, seed)), "seed " + seed);
        }
    }

    private static void assertImprovement(int[] agreed, Optional<int[]> expected) {
        Optional<Proposal> actual = Engine.improvement(Scenarios.POS_OPTIONS, Scenarios.pos(), agreed);
        assertEquals(expected.map(Arrays::toString), actual.map(p -> Arrays.toString(p.options())));
        assertEquals(expected.map(Arrays::toString),
                new ReferenceEngine(Scenarios.POS_OPTIONS, Scenarios.pos()).improvement(agreed).map(Arrays::toString));
        actual.ifPresent(p -> assertEquals(Rule.IMPROVEMENT, p.rule()));
    }
}
