package negotiation.engine;

import java.util.Arrays;

/**
 * The kept (second, third) utility pairs of a three-party frontier sweep, answering in
 * logarithmic time whether one of them is at least as good as a given pair: a Fenwick tree of
 * maximum third utilities over second utilities, best second first.
 */
final class Staircase {

    private static final int MAX_UTILITY = 10_000;
    private static final int NONE = -1;

    // 1-based; index 1 stands for second utility 10000, so a prefix means "second at least s"
    private final int[] bestThird = new int[MAX_UTILITY + 2];

    Staircase() {
        Arrays.fill(bestThird, NONE);
    }

    void add(int second, int third) {
        for (int i = MAX_UTILITY - second + 1; i < bestThird.length; i += i & -i) {
            bestThird[i] = Math.max(bestThird[i], third);
        }
    }

    /** Whether some added pair has second >= the given second and third >= the given third. */
    boolean covers(int second, int third) {
        int best = NONE;
        for (int i = MAX_UTILITY - second + 1; i > 0; i -= i & -i) best = Math.max(best, bestThird[i]);
        return best >= third;
    }
}
