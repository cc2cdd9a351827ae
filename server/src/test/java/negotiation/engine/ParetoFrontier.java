package negotiation.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Collects acceptable packages and reduces them to the acceptable Pareto frontier: each distinct
 * non-dominated utility vector with its lexicographically smallest package (DESIGN rule 3).
 */
final class ParetoFrontier {

    /** One distinct utility vector of the frontier, its smallest package's ordinal, and its product. */
    record Point(int[] utilities, int ordinal, BigInteger product) {
    }

    private static final int MAX_UTILITY = 10_000;

    private final int parties;
    private int size;
    private int[] ordinals = new int[16];
    private int[] utilities;

    ParetoFrontier(int parties) {
        this.parties = parties;
        this.utilities = new int[ordinals.length * parties];
    }

    /** Adds an acceptable package; ordinals must come in increasing order (the walk's order). */
    void add(int ordinal, int[] packageUtilities) {
        if (size == ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, 2 * size);
            utilities = Arrays.copyOf(utilities, 2 * size * parties);
        }
        ordinals[size] = ordinal;
        System.arraycopy(packageUtilities, 0, utilities, size * parties, parties);
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The frontier's distinct vectors in ascending lexicographic order (party order). */
    List<Point> points() {
        List<Point> kept = new ArrayList<>();
        Staircase staircase = new Staircase();
        int previous = -1;
        for (int position : dominatorsFirst()) {
            // a repeat of the previous vector is covered like it; skipping it here saves a scan
            boolean repeat = previous >= 0 && sameVector(position, previous);
            previous = position;
            if (!repeat && !coveredByKept(position, kept, staircase)) {
                int[] vector = vector(position);
                kept.add(new Point(vector, ordinals[position], Utilities.product(vector)));
                if (parties == 3) staircase.add(vector[1], vector[2]);
            }
        }
        kept.sort((a, b) -> Arrays.compare(a.utilities(), b.utilities()));
        return kept;
    }

    /**
     * Positions in an order where every vector comes after all vectors that dominate it, equal
     * vectors are adjacent and in ordinal order: descending lexicographic order up to three
     * parties, descending sum beyond (the largest sums dominate the most, so scans stop early).
     */
    private int[] dominatorsFirst() {
        int[] order = new int[size];
        Arrays.setAll(order, position -> position);
        // stable counting sorts from the last key to the first give lexicographic order, in O(parties * size)
        for (int party = parties - 1; party >= 0; party--) {
            int byParty = party;
            order = countingSortDescending(order, position -> utility(position, byParty), MAX_UTILITY);
        }
        return parties <= 3 ? order : countingSortDescending(order, this::sum, MAX_UTILITY * parties);
    }

    /**
     * Whether a kept vector is at least as good as this one for every party. Only vectors earlier
     * in {@link #dominatorsFirst} order can be, and every one of those not itself dominated is
     * kept, so this is exactly "dominated, or a repeat of a kept vector". Equal vectors arrive in
     * ordinal order, so the kept repeat is the one with the lexicographically smallest package.
     * In lexicographic order every kept vector is at least as good for the first party, which
     * leaves one utility to compare for two parties and two (a staircase) for three.
     */
    private boolean coveredByKept(int position, List<Point> kept, Staircase staircase) {
        if (parties == 2) {
            // kept vectors have falling first and rising second utilities: the last has the best second
            return !kept.isEmpty() && kept.get(kept.size() - 1).utilities()[1] >= utility(position, 1);
        }
        if (parties == 3) return staircase.covers(utility(position, 1), utility(position, 2));
        for (Point point : kept) {
            if (atLeastAsGoodForAll(point.utilities(), position)) return true;
        }
        return false;
    }

    private boolean atLeastAsGoodForAll(int[] vector, int position) {
        for (int party = 0; party < parties; party++) {
            if (vector[party] < utility(position, party)) return false;
        }
        return true;
    }

    private int[] countingSortDescending(int[] order, IntUnaryOperator key, int maxKey) {
        int[] start = new int[maxKey + 2];
        for (int position : order) start[maxKey - key.applyAsInt(position) + 1]++;
        for (int k = 1; k < start.length; k++) start[k] += start[k - 1];
        int[] sorted = new int[order.length];
        for (int position : order) sorted[start[maxKey - key.applyAsInt(position)]++] = position;
        return sorted;
    }

    private int sum(int position) {
        int sum = 0;
        for (int party = 0; party < parties; party++) sum += utility(position, party);
        return sum;
    }

    private boolean sameVector(int a, int b) {
        return Arrays.equals(utilities, a * parties, (a + 1) * parties, utilities, b * parties, (b + 1) * parties);
    }

    private int[] vector(int position) {
        return Arrays.copyOfRange(utilities, position * parties, (position + 1) * parties);
    }

    private int utility(int position, int party) {
        return utilities[position * parties + party];
    }
}
