package negotiation.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Whether the engine can compute rounds on an agenda, judged when a room is created or amended
 * rather than when its last party submits (docs/protocol.md, "Limits of a room").
 *
 * <p>Two and three parties: always (the two-party frontier has at most 10,001 points; three-party
 * merges stay well under the limit for random interests, and a round whose interests make the
 * frontier too large fails with a precise error instead, within the engine's time). From four
 * parties the merge compares each candidate with every point kept so far, so its work grows with the
 * square of the frontier. An agenda whose frontier fits the work limit even when every package is on
 * it ({@link #worstCaseWork}) is accepted at once. Otherwise the engine builds the frontier for
 * <em>typical interests</em> on it, with its own work accounting: every party weighs the issues
 * equally and values each option at random (a fixed seed, so the answer is the same on every node and
 * every time). If that needs more than half the work limit (interests vary about typical ones), the
 * rounds of an ordinary negotiation on the agenda would fail, and it is refused. Measured: 8 parties on 10 issues of 3 options (59,049 packages) need about 2.3e9 work
 * units for such interests, more than the default 2e9; 4 parties on 8 issues of 5 options (390,625)
 * about 2e6. Answers are remembered per agenda shape, so a repeated shape costs nothing.
 */
public final class AgendaFeasibility {
    /** The seed of the typical interests: any fixed number; fixed so the answer is reproducible. */
    private static final long SEED = 20_260_101L;
    private static final int REMEMBERED = 256;
    private static final Map<String, Optional<String>> ANSWERS = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    private AgendaFeasibility() {
    }

    /** Why rooms with this agenda are refused, or empty when the engine can compute their rounds. */
    public static Optional<String> refusal(int[] optionCounts, int parties, EngineLimits limits) {
        if (parties < 4 || worstCaseWork(optionCounts, parties, limits) <= limits.maxWork()) {
            return Optional.empty();
        }
        String shape = parties + ":" + Arrays.toString(optionCounts) + ":" + limits;
        Optional<String> known = ANSWERS.get(shape);
        if (known != null) {
            return known;
        }
        Optional<String> answer = probe(optionCounts, parties, limits);
        ANSWERS.put(shape, answer);
        return answer;
    }

    private static Optional<String> probe(int[] optionCounts, int parties, EngineLimits limits) {
        long packages = Engine.packageCount(optionCounts);
        // Half the limit: interests vary about typical ones, and a room is accepted only with room to spare.
        EngineLimits half = new EngineLimits(Math.max(1, limits.maxWork() / 2), limits.maxCandidates()).withoutTimeLimit();
        Work work = new Work(half, parties, optionCounts.length);
        try {
            FrontierBuilder.build(optionCounts, typical(optionCounts, parties), null, work);
            return Optional.empty();
        } catch (FrontierTooLargeException e) {
            return Optional.of("the agenda has " + (packages == Long.MAX_VALUE ? "more than 9e18" : packages)
                    + " packages; with " + parties + " parties the engine cannot compute a round on it for typical"
                    + " interests (equal weights, options valued at random) within half its limit of "
                    + limits.maxWork() + " work units (" + limits.approximateTime()
                    + " on the reference machine), and rounds would fail: remove issues or options, or parties");
        }
    }

    /** Every party weighs the issues equally and values each option at random, 0 to 100. */
    static List<PartyProfile> typical(int[] optionCounts, int parties) {
        Random random = new Random(SEED);
        int issues = optionCounts.length;
        List<PartyProfile> profiles = new ArrayList<>();
        for (int party = 0; party < parties; party++) {
            int[][] points = new int[issues][];
            boolean[][] allowed = new boolean[issues][];
            for (int issue = 0; issue < issues; issue++) {
                int weight = 100 / issues + (issue < 100 % issues ? 1 : 0);
                points[issue] = new int[optionCounts[issue]];
                allowed[issue] = new boolean[optionCounts[issue]];
                for (int option = 0; option < optionCounts[issue]; option++) {
                    points[issue][option] = weight * random.nextInt(101);
                    allowed[issue][option] = true;
                }
            }
            profiles.add(new PartyProfile(points, allowed, 0));
        }
        return profiles;
    }

    /**
     * The work units the merge for four parties and more charges for one frontier when every package
     * is on it: each issue's options merged alone, then with every package of the issues before, each
     * candidate compared with every point kept before it. Saturates at {@link Long#MAX_VALUE}.
     */
    static long worstCaseWork(int[] optionCounts, int parties, EngineLimits limits) {
        long total = 0;
        long prefix = 1;
        for (int options : optionCounts) {
            total = saturatedAdd(total, mergeWork(options, parties, limits));
            prefix = prefix > Long.MAX_VALUE / Math.max(1, options) ? Long.MAX_VALUE : prefix * options;
            total = saturatedAdd(total, mergeWork(prefix, parties, limits));
        }
        return total;
    }

    /** A merge of {@code candidates} vectors that are all kept (FrontierBuilder's merge for many parties). */
    private static long mergeWork(long candidates, int parties, EngineLimits limits) {
        if (candidates > limits.maxCandidates()) return Long.MAX_VALUE;
        double work = (double) candidates * (parties + 4) * 4 + (double) (parties + 2) * candidates * (candidates + 1) / 2;
        return work >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) work;
    }

    private static long saturatedAdd(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
