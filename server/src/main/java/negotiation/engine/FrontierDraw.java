package negotiation.engine;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

/**
 * Draws points of the acceptable Pareto frontier without replacement, weighted by product of
 * utilities (DESIGN rules 3-4); under {@link DrawRule#FAIR_FIRST} the points within 90 % of the
 * pool's max-min are drawn before any other. The pool is in ascending lexicographic order of vectors and the
 * draw walks it in that order; one {@code new Random(seed)} serves every draw of a round, so a
 * seed and a pool always give the same points.
 *
 * <p>Exact: products and their running sums stay in {@code long} while they provably fit (up to
 * four parties, until a sum would overflow) and are {@link BigInteger} otherwise; both paths
 * consume the random numbers identically ({@code new BigInteger(bits, rnd)} with rejection, or
 * {@code rnd.nextInt(n)} among zero products).
 */
final class FrontierDraw {

    private final int parties;
    private final int[] vectors;
    private final int size;
    private final long[] longProducts;
    private final BigInteger[] bigProducts;
    private final boolean[] removed;
    private final Random rnd;
    /** Points drawn first (FAIR_FIRST), or null when every point is drawn alike (PRODUCT). */
    private final boolean[] first;
    private int remaining;
    private int positives;
    private long longTotal;
    private BigInteger bigTotal;

    /**
     * @param vectors the pool's vectors, flat ({@code parties} utilities each), in ascending
     *                lexicographic order, all distinct
     */
    FrontierDraw(int[] vectors, int parties, int size, long seed) {
        this(vectors, parties, size, seed, DrawRule.PRODUCT);
    }

    FrontierDraw(int[] vectors, int parties, int size, long seed, DrawRule rule) {
        this.parties = parties;
        this.first = rule == DrawRule.FAIR_FIRST ? fairPoints(vectors, parties, size) : null;
        this.vectors = vectors;
        this.size = size;
        this.removed = new boolean[size];
        this.remaining = size;
        this.rnd = new Random(seed);
        long[] longs = parties <= Utilities.PARTIES_FITTING_LONG ? new long[size] : null;
        long total = 0;
        for (int point = 0; longs != null && point < size; point++) {
            long product = 1;
            for (int party = 0; party < parties; party++) product *= vectors[point * parties + party];
            longs[point] = product;
            if (product > 0) positives++;
            if (total > Long.MAX_VALUE - product) longs = null; // the running sum would overflow
            else total += product;
        }
        if (longs != null) {
            this.longProducts = longs;
            this.bigProducts = null;
            this.longTotal = total;
        } else {
            this.longProducts = null;
            this.bigProducts = new BigInteger[size];
            this.positives = 0;
            BigInteger sum = BigInteger.ZERO;
            for (int point = 0; point < size; point++) {
                bigProducts[point] = Utilities.product(Arrays.copyOfRange(vectors, point * parties, (point + 1) * parties));
                if (bigProducts[point].signum() > 0) positives++;
                sum = sum.add(bigProducts[point]);
            }
            this.bigTotal = sum;
        }
    }

    /** The points whose smallest utility is within 90 % of the largest smallest utility of the pool. */
    private static boolean[] fairPoints(int[] vectors, int parties, int size) {
        int[] smallest = new int[size];
        int maxMin = 0;
        for (int point = 0; point < size; point++) {
            int min = Integer.MAX_VALUE;
            for (int party = 0; party < parties; party++) min = Math.min(min, vectors[point * parties + party]);
            smallest[point] = min;
            maxMin = Math.max(maxMin, min);
        }
        boolean[] fair = new boolean[size];
        for (int point = 0; point < size; point++) fair[point] = DrawRule.fair(smallest[point], maxMin);
        return fair;
    }

    boolean isEmpty() {
        return remaining == 0;
    }

    /** Takes a vector out of the pool without drawing it (the balanced point, already proposed). */
    void remove(int[] vector) {
        for (int point = 0; point < size; point++) {
            if (!removed[point] && Arrays.equals(vectors, point * parties, (point + 1) * parties, vector, 0, parties)) {
                take(point);
            }
        }
    }

    /** Draws the next point: its position in the pool. */
    int next() {
        int picked = firstLeft() ? nextAmongFirst() : positives == 0 ? uniformAmongRemaining()
                : longProducts != null ? weightedLong() : weightedBig();
        take(picked);
        return picked;
    }

    private boolean firstLeft() {
        if (first == null) return false;
        for (int point = 0; point < size; point++) {
            if (first[point] && !removed[point]) return true;
        }
        return false;
    }

    /**
     * A draw among the remaining first-tier points, with the same arithmetic as the whole pool:
     * proportional to product, or uniform when every product among them is 0.
     */
    private int nextAmongFirst() {
        BigInteger total = BigInteger.ZERO;
        int count = 0;
        for (int point = 0; point < size; point++) {
            if (first[point] && !removed[point]) {
                total = total.add(product(point));
                count++;
            }
        }
        if (total.signum() == 0) {
            int target = rnd.nextInt(count);
            for (int point = 0; point < size; point++) {
                if (first[point] && !removed[point] && target-- == 0) return point;
            }
            throw new IllegalStateException("target < count");
        }
        BigInteger r = uniformBelow(total);
        BigInteger cumulative = BigInteger.ZERO;
        for (int point = 0; point < size; point++) {
            if (!first[point] || removed[point]) continue;
            cumulative = cumulative.add(product(point));
            if (cumulative.compareTo(r) > 0) return point;
        }
        throw new IllegalStateException("r < total, so some cumulative sum exceeds it");
    }

    private BigInteger product(int point) {
        return longProducts != null ? BigInteger.valueOf(longProducts[point]) : bigProducts[point];
    }

    // with no positive product left, the pool holds only zero products: uniform among them
    private int uniformAmongRemaining() {
        int target = rnd.nextInt(remaining);
        for (int point = 0; point < size; point++) {
            if (!removed[point] && target-- == 0) return point;
        }
        throw new IllegalStateException("target < remaining");
    }

    private int weightedLong() {
        long r = uniformBelow(BigInteger.valueOf(longTotal)).longValue();
        long cumulative = 0;
        for (int point = 0; point < size; point++) {
            if (removed[point]) continue;
            cumulative += longProducts[point];
            if (cumulative > r) return point;
        }
        throw new IllegalStateException("r < total, so some cumulative sum exceeds it");
    }

    private int weightedBig() {
        BigInteger r = uniformBelow(bigTotal);
        BigInteger cumulative = BigInteger.ZERO;
        for (int point = 0; point < size; point++) {
            if (removed[point] || bigProducts[point].signum() == 0) continue;
            cumulative = cumulative.add(bigProducts[point]);
            if (cumulative.compareTo(r) > 0) return point;
        }
        throw new IllegalStateException("r < total, so some cumulative sum exceeds it");
    }

    private void take(int point) {
        removed[point] = true;
        remaining--;
        if (longProducts != null) {
            if (longProducts[point] > 0) positives--;
            longTotal -= longProducts[point];
        } else {
            if (bigProducts[point].signum() > 0) positives--;
            bigTotal = bigTotal.subtract(bigProducts[point]);
        }
    }

    // Rejection keeps the draw exactly uniform (no modulo bias) and reproducible from the seed alone.
    private BigInteger uniformBelow(BigInteger bound) {
        int bits = bound.bitLength();
        BigInteger r;
        do {
            r = new BigInteger(bits, rnd);
        } while (r.compareTo(bound) >= 0);
        return r;
    }
}
