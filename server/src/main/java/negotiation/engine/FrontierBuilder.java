package negotiation.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Builds the exact Pareto frontier issue by issue. After issue i the partial frontier holds every
 * non-dominated vector of partial utility sums over issues 0..i, each with its lexicographically
 * smallest partial package; the next issue's options are added to every point and dominated sums
 * pruned again.
 *
 * <p>Why it is exact: if a package is on the final frontier, the partial package over the first
 * issues is non-dominated among partial packages (a dominating prefix would give a dominating
 * package), and it is the lexicographically smallest prefix with its partial vector (a smaller one
 * with the same vector would give a smaller package with the same final vector). So the frontier
 * of the sums of (partial frontier) + (issue's options) is the frontier of the longer prefix.
 *
 * <p>Lexicographic order: the points of a partial frontier are kept in lexicographic order of their
 * packages, and options in ascending index, so candidate number {@code point * options + option}
 * grows with the candidate's package; among equal vectors the smallest candidate number wins.
 *
 * <p>Per party count: two parties merge through an array indexed by the first utility (best second
 * utility per first utility, one sweep) or, when there are few candidates, by sorting them; three
 * parties sort and sweep with a staircase of (second, third) utilities; four and more sort by sum
 * and test each candidate against the points kept so far. Each issue's options are first reduced
 * to their own frontier, and options outside the limits are dropped before that.
 */
final class FrontierBuilder {

    private static final int MAX_UTILITY = 10_000;
    /** 14 bits hold a utility; two of them over a 35-bit candidate number make a positive sort key. */
    private static final int UTILITY_MASK = (1 << 14) - 1;
    private static final int CANDIDATE_BITS_2 = 35;
    private static final long CANDIDATE_MASK_2 = (1L << CANDIDATE_BITS_2) - 1;
    /** Three utilities in base 10001 take under 2^40, which leaves 23 bits of candidate number in a positive long. */
    private static final int CANDIDATE_BITS_3 = 23;
    private static final int BASE = MAX_UTILITY + 1;

    /** How to prune each merge; tests run every strategy against the reference, the engine uses AUTO. */
    enum Strategy {
        /** By party count and size, as described above. */
        AUTO,
        /** Two parties: sort the candidates; three: sort and staircase. */
        SORTING,
        /** Two parties only: the array indexed by the first utility. */
        ARRAY,
        /** The sort by sum and scan of kept points used from four parties on. */
        GENERIC
    }

    private final int parties;
    private final int[][][] points;
    private final Work work;
    private final Strategy strategy;

    // the merge's output: kept candidate numbers, ascending once sortKept has run
    private int[] kept = new int[64];
    private int keptCount;
    // scratch for the sorting merges, shared by every issue of the build: a new array per issue
    // (up to 64 MB each) made rounds allocate about a gigabyte a second of sort keys
    private long[] keys = new long[0];
    // scratch for the two-party array merge
    private int[] bestSecond;
    private int[] bestCandidate;

    private FrontierBuilder(List<PartyProfile> profiles, Work work, Strategy strategy) {
        this.parties = profiles.size();
        this.points = profiles.stream().map(PartyProfile::points).toArray(int[][][]::new);
        this.work = work;
        this.strategy = strategy;
    }

    /**
     * The frontier of all packages whose options are allowed (every package when {@code allowed}
     * is null); empty when some issue allows no option.
     */
    static Frontier build(int[] optionCounts, List<PartyProfile> profiles, boolean[][] allowed, Work work) {
        return build(optionCounts, profiles, allowed, work, Strategy.AUTO);
    }

    static Frontier build(int[] optionCounts, List<PartyProfile> profiles, boolean[][] allowed, Work work,
                          Strategy strategy) {
        return new FrontierBuilder(profiles, work, strategy).build(optionCounts, allowed);
    }

    private Frontier build(int[] optionCounts, boolean[][] allowed) {
        int issues = optionCounts.length;
        int[][] parents = new int[issues][];
        short[][] options = new short[issues][];
        int size = 1;
        int[] utilities = new int[parties]; // the empty prefix: all zeros
        for (int issue = 0; issue < issues; issue++) {
            // the issue's options within limits, then their own frontier (ascending option index)
            int[] offered = offered(optionCounts[issue], allowed == null ? null : allowed[issue]);
            if (offered.length == 0) return Frontier.empty(parties);
            int[] offeredUtilities = new int[offered.length * parties];
            for (int o = 0; o < offered.length; o++) {
                for (int party = 0; party < parties; party++) {
                    offeredUtilities[o * parties + party] = points[party][issue][offered[o]];
                }
            }
            merge(1, new int[parties], offered.length, offeredUtilities);
            int optionCount = keptCount;
            int[] optionIndex = new int[optionCount];
            int[] optionUtilities = new int[optionCount * parties];
            for (int o = 0; o < optionCount; o++) {
                optionIndex[o] = offered[kept[o]];
                System.arraycopy(offeredUtilities, kept[o] * parties, optionUtilities, o * parties, parties);
            }

            merge(size, utilities, optionCount, optionUtilities);
            int[] next = new int[keptCount * parties];
            parents[issue] = new int[keptCount];
            options[issue] = new short[keptCount];
            for (int point = 0; point < keptCount; point++) {
                int candidate = kept[point];
                int parent = candidate / optionCount;
                int option = candidate - parent * optionCount;
                parents[issue][point] = parent;
                options[issue][point] = (short) optionIndex[option];
                for (int party = 0; party < parties; party++) {
                    next[point * parties + party] = utilities[parent * parties + party] + optionUtilities[option * parties + party];
                }
            }
            utilities = next;
            size = keptCount;
        }
        return new Frontier(parties, size, utilities, parents, options);
    }

    private static int[] offered(int optionCount, boolean[] allowed) {
        if (allowed == null) {
            int[] all = new int[optionCount];
            Arrays.setAll(all, o -> o);
            return all;
        }
        int count = 0;
        for (boolean ok : allowed) if (ok) count++;
        int[] offered = new int[count];
        count = 0;
        for (int o = 0; o < optionCount; o++) if (allowed[o]) offered[count++] = o;
        return offered;
    }

    /**
     * Candidate {@code point * m + option} has the vector frontier[point] + option's utilities; leaves
     * in {@link #kept} the non-dominated candidates, one per distinct vector (the smallest number),
     * in ascending candidate number.
     */
    private void merge(int n, int[] frontier, int m, int[] optionUtilities) {
        long candidates = (long) n * m;
        if (candidates > Integer.MAX_VALUE) work.holdCandidates(candidates); // never fits; says so precisely
        if (kept.length < Math.min(candidates, 1 << 20)) kept = new int[(int) Math.min(candidates, 1 << 20)];
        keptCount = 0;
        if (strategy == Strategy.GENERIC || (strategy == Strategy.ARRAY && parties > 2)) {
            mergeMany(n, frontier, m, optionUtilities);
        } else if (parties == 2) {
            mergeTwo(n, frontier, m, optionUtilities);
        } else if (parties == 3 && candidates < 1L << CANDIDATE_BITS_3) {
            mergeThree(n, frontier, m, optionUtilities);
        } else {
            mergeMany(n, frontier, m, optionUtilities);
        }
        sortKept(n, m);
    }

    // ---- two parties

    private void mergeTwo(int n, int[] frontier, int m, int[] optionUtilities) {
        int low = Integer.MAX_VALUE;
        int high = 0;
        int lowOption = Integer.MAX_VALUE;
        int highOption = 0;
        for (int point = 0; point < n; point++) {
            low = Math.min(low, frontier[2 * point]);
            high = Math.max(high, frontier[2 * point]);
        }
        for (int option = 0; option < m; option++) {
            lowOption = Math.min(lowOption, optionUtilities[2 * option]);
            highOption = Math.max(highOption, optionUtilities[2 * option]);
        }
        low += lowOption;
        high += highOption;
        long candidates = (long) n * m;
        int range = high - low + 1;
        // sorting costs about log2(candidates) per candidate, the array two passes over the range
        boolean sorting = strategy == Strategy.AUTO
                ? candidates * (64 - Long.numberOfLeadingZeros(candidates)) <= 2L * range + candidates
                : strategy == Strategy.SORTING;
        if (sorting) {
            work.charge(candidates * (64 - Long.numberOfLeadingZeros(candidates)) + 1);
            mergeTwoBySorting(n, frontier, m, optionUtilities);
        } else {
            work.charge(candidates + 2L * range);
            mergeTwoByArray(n, frontier, m, optionUtilities, low, high);
        }
    }

    private void mergeTwoBySorting(int n, int[] frontier, int m, int[] optionUtilities) {
        work.holdCandidates((long) n * m);
        long[] keys = sortKeys(n * m);
        int candidate = 0;
        for (int point = 0; point < n; point++) {
            int first = frontier[2 * point];
            int second = frontier[2 * point + 1];
            for (int option = 0; option < m; option++, candidate++) {
                // first descending, then second descending, then candidate number ascending
                long a = MAX_UTILITY - (first + optionUtilities[2 * option]);
                long b = MAX_UTILITY - (second + optionUtilities[2 * option + 1]);
                keys[candidate] = a << (CANDIDATE_BITS_2 + 14) | b << CANDIDATE_BITS_2 | candidate;
            }
        }
        Arrays.sort(keys, 0, n * m);
        int bestSecondSoFar = -1;
        for (int i = 0; i < n * m; i++) {
            long key = keys[i];
            int second = MAX_UTILITY - (int) (key >>> CANDIDATE_BITS_2 & UTILITY_MASK);
            if (second > bestSecondSoFar) {
                keep((int) (key & CANDIDATE_MASK_2));
                bestSecondSoFar = second;
            }
        }
    }

    private void mergeTwoByArray(int n, int[] frontier, int m, int[] optionUtilities, int low, int high) {
        if (bestSecond == null) {
            bestSecond = new int[MAX_UTILITY + 1];
            bestCandidate = new int[MAX_UTILITY + 1];
        }
        int[] best = bestSecond;
        int[] bestNumber = bestCandidate;
        Arrays.fill(best, low, high + 1, -1);
        int candidate = 0;
        for (int point = 0; point < n; point++) {
            int first = frontier[2 * point];
            int second = frontier[2 * point + 1];
            for (int option = 0; option < m; option++, candidate++) {
                int a = first + optionUtilities[2 * option];
                int b = second + optionUtilities[2 * option + 1];
                // candidates come in ascending number, so the first of equal vectors stays
                if (b > best[a]) {
                    best[a] = b;
                    bestNumber[a] = candidate;
                }
            }
        }
        int bestSecondSoFar = -1;
        for (int a = high; a >= low; a--) {
            if (best[a] > bestSecondSoFar) {
                keep(bestNumber[a]);
                bestSecondSoFar = best[a];
            }
        }
    }

    // ---- three parties

    private void mergeThree(int n, int[] frontier, int m, int[] optionUtilities) {
        int candidates = n * m;
        work.holdCandidates(candidates);
        work.charge((long) candidates * (60 + 64 - Long.numberOfLeadingZeros(candidates)));
        long[] keys = sortKeys(candidates);
        int candidate = 0;
        for (int point = 0; point < n; point++) {
            for (int option = 0; option < m; option++, candidate++) {
                long key = 0;
                for (int party = 0; party < 3; party++) {
                    key = key * BASE + (MAX_UTILITY - frontier[3 * point + party] - optionUtilities[3 * option + party]);
                }
                keys[candidate] = key << CANDIDATE_BITS_3 | candidate;
            }
        }
        Arrays.sort(keys, 0, candidates); // descending vectors, equal vectors by ascending candidate number
        Staircase staircase = new Staircase();
        for (int i = 0; i < candidates; i++) {
            long key = keys[i];
            int number = (int) (key & ((1 << CANDIDATE_BITS_3) - 1));
            int point = number / m;
            int option = number - point * m;
            int second = frontier[3 * point + 1] + optionUtilities[3 * option + 1];
            int third = frontier[3 * point + 2] + optionUtilities[3 * option + 2];
            // every earlier vector is at least as good for the first party
            if (!staircase.covers(second, third)) {
                staircase.add(second, third);
                keep(number);
            }
        }
    }

    /** The sort-key scratch, at least {@code candidates} long; what it held before is overwritten. */
    private long[] sortKeys(int candidates) {
        if (keys.length < candidates) {
            // doubled, as the frontier grows issue by issue; up to the largest three-party merge (64 MB)
            keys = new long[Math.max(candidates, Math.min(2 * keys.length, 1 << CANDIDATE_BITS_3))];
        }
        return keys;
    }

    // ---- four parties and more (and very large three-party merges)

    private void mergeMany(int n, int[] frontier, int m, int[] optionUtilities) {
        int candidates = n * m;
        work.holdCandidates(candidates);
        work.charge((long) candidates * (parties + 4) * 4);
        int k = parties;
        int[] vectors = new int[candidates * k];
        int[] sums = new int[candidates];
        int candidate = 0;
        for (int point = 0; point < n; point++) {
            for (int option = 0; option < m; option++, candidate++) {
                int sum = 0;
                for (int party = 0; party < k; party++) {
                    int u = frontier[k * point + party] + optionUtilities[k * option + party];
                    vectors[candidate * k + party] = u;
                    sum += u;
                }
                sums[candidate] = sum;
            }
        }
        // a dominating vector has a larger sum, an equal one the same sum and a smaller number:
        // a stable sort by descending sum puts every candidate after all that cover it
        int[] order = byDescendingSum(sums, candidates, MAX_UTILITY * k);
        int[] keptVectors = new int[Math.min(candidates, 1024) * k];
        int keptVectorCount = 0;
        int lastCover = 0;
        long comparisons = 0;
        for (int c : order) {
            int at = c * k;
            // the last covering point often covers the next candidate too: try it first
            boolean covered = keptVectorCount > 0 && covers(keptVectors, lastCover * k, vectors, at, k);
            int q = 0;
            for (; !covered && q < keptVectorCount; q++) {
                if (covers(keptVectors, q * k, vectors, at, k)) {
                    covered = true;
                    lastCover = q;
                }
            }
            comparisons += (long) (parties + 2) * (q + 1); // calibrated: about a nanosecond per unit
            if (comparisons >= 1 << 20) {
                work.charge(comparisons);
                comparisons = 0;
            }
            if (!covered) {
                if ((keptVectorCount + 1) * k > keptVectors.length) keptVectors = Arrays.copyOf(keptVectors, keptVectors.length * 2);
                System.arraycopy(vectors, at, keptVectors, keptVectorCount * k, k);
                keptVectorCount++;
                keep(c);
            }
        }
        work.charge(comparisons);
    }

    private static boolean covers(int[] kept, int keptAt, int[] vectors, int at, int k) {
        for (int party = 0; party < k; party++) {
            if (kept[keptAt + party] < vectors[at + party]) return false;
        }
        return true;
    }

    private static int[] byDescendingSum(int[] sums, int count, int maxSum) {
        int[] start = new int[maxSum + 2];
        for (int c = 0; c < count; c++) start[maxSum - sums[c] + 1]++;
        for (int s = 1; s < start.length; s++) start[s] += start[s - 1];
        int[] order = new int[count];
        for (int c = 0; c < count; c++) order[start[maxSum - sums[c]]++] = c;
        return order;
    }

    // ---- output

    private void keep(int candidate) {
        if (keptCount == kept.length) kept = Arrays.copyOf(kept, kept.length * 2);
        kept[keptCount++] = candidate;
    }

    /** Puts the kept candidate numbers in ascending order: by option, then (stably) by point. */
    private void sortKept(int n, int m) {
        if (keptCount <= 64) {
            Arrays.sort(kept, 0, keptCount);
            return;
        }
        int[] byOption = new int[keptCount];
        int[] start = new int[Math.max(n, m) + 1];
        for (int i = 0; i < keptCount; i++) start[kept[i] % m + 1]++;
        for (int o = 1; o <= m; o++) start[o] += start[o - 1];
        for (int i = 0; i < keptCount; i++) byOption[start[kept[i] % m]++] = kept[i];
        Arrays.fill(start, 0);
        for (int i = 0; i < keptCount; i++) start[byOption[i] / m + 1]++;
        for (int p = 1; p <= n; p++) start[p] += start[p - 1];
        for (int i = 0; i < keptCount; i++) kept[start[byOption[i] / m]++] = byOption[i];
    }
}
