package negotiation.engine;

import java.util.Arrays;
import java.util.List;

/** The example rooms of shared/scenarios/, compiled by hand into engine profiles. */
final class Scenarios {

    private Scenarios() {
    }

    /** orange.json: issues juice and peel, options anna / half each / beth. */
    static final int[] ORANGE_OPTIONS = {3, 3};

    static List<PartyProfile> orange() {
        PartyProfile anna = new PartyProfile(new int[][] {
            {100 * 100, 100 * 50, 0},
            {0, 0, 0},
        }, allAllowed(ORANGE_OPTIONS), 3000);
        PartyProfile beth = new PartyProfile(new int[][] {
            {0, 0, 0},
            {0, 100 * 50, 100 * 100},
        }, allAllowed(ORANGE_OPTIONS), 3000);
        return List.of(anna, beth);
    }

    /** pos-system.json: price 4800..5600 step 100 (9 options), support (3), training (2), payment (2). */
    static final int[] POS_OPTIONS = {9, 3, 2, 2};

    /** "low" for 4800..5600: round_half_up(100 * (5600 - x) / 800); "high" is its mirror. */
    static final int[] PRICE_LOW = {100, 88, 75, 63, 50, 38, 25, 13, 0};
    static final int[] PRICE_HIGH = {0, 13, 25, 38, 50, 63, 75, 88, 100};

    static List<PartyProfile> pos() {
        return pos(5500, 2500);
    }

    static List<PartyProfile> pos(int buyerFloor, int sellerFloor) {
        boolean[][] buyerLimits = allAllowed(POS_OPTIONS);
        // the buyer's limit "price max 5000" rules out 5100..5600, options 3..8
        Arrays.fill(buyerLimits[0], 3, 9, false);
        PartyProfile buyer = new PartyProfile(new int[][] {
            times(45, PRICE_LOW),
            times(25, new int[] {0, 60, 100}),
            times(15, new int[] {0, 100}),
            times(15, new int[] {0, 100}),
        }, buyerLimits, buyerFloor);
        PartyProfile seller = new PartyProfile(new int[][] {
            times(70, PRICE_HIGH),
            times(10, new int[] {100, 80, 60}),
            times(8, new int[] {100, 70}),
            times(12, new int[] {100, 75}),
        }, allAllowed(POS_OPTIONS), sellerFloor);
        return List.of(buyer, seller);
    }

    static boolean[][] allAllowed(int[] optionCounts) {
        boolean[][] allowed = new boolean[optionCounts.length][];
        for (int issue = 0; issue < optionCounts.length; issue++) {
            allowed[issue] = new boolean[optionCounts[issue]];
            Arrays.fill(allowed[issue], true);
        }
        return allowed;
    }

    private static int[] times(int weight, int[] values) {
        return Arrays.stream(values).map(v -> weight * v).toArray();
    }
}
