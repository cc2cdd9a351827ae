package negotiation.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Draws points of the acceptable Pareto frontier without replacement, weighted by product of utilities (DESIGN rules 3-4). */
final class FrontierDraw {

    private final List<ParetoFrontier.Point> pool;
    // one seeded Random serves every draw of a round, in order, so a seed and a pool always give the same points
    private final Random rnd;

    /** The pool must be in ascending lexicographic order of vectors: the draw walks it in that order. */
    FrontierDraw(List<ParetoFrontier.Point> pool, long seed) {
        this.pool = new ArrayList<>(pool);
        this.rnd = new Random(seed);
    }

    boolean isEmpty() {
        return pool.isEmpty();
    }

    /** Takes a vector out of the pool without drawing it (the balanced point, already proposed). */
    void remove(int[] vector) {
        pool.removeIf(point -> Arrays.equals(point.utilities(), vector));
    }

    ParetoFrontier.Point next() {
        List<ParetoFrontier.Point> positive = pool.stream().filter(p -> p.product().signum() > 0).toList();
        // with no positive product left, the pool holds only zero products: uniform among them
        ParetoFrontier.Point picked = positive.isEmpty() ? pool.get(rnd.nextInt(pool.size())) : weighted(positive);
        pool.remove(picked);
        return picked;
    }

    private ParetoFrontier.Point weighted(List<ParetoFrontier.Point> positive) {
        BigInteger total = positive.stream().map(ParetoFrontier.Point::product).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger r = uniformBelow(total);
        BigInteger cumulative = BigInteger.ZERO;
        for (ParetoFrontier.Point point : positive) {
            cumulative = cumulative.add(point.product());
            if (cumulative.compareTo(r) > 0) return point;
        }
        throw new IllegalStateException("r < total, so some cumulative sum exceeds it");
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
