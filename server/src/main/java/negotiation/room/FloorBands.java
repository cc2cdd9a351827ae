package negotiation.room;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How an interval of floor values is cut into bands (cells) at least {@code width} points wide: the
 * geometry of the floor bands of docs/privacy.md. {@link FloorPrivacy} cuts each party's scale once
 * with it, and refines the cells with it when a party narrows its band.
 *
 * <p>Nothing here reads a floor or another party's data to decide the cut (simulatable auditing,
 * Kenthapadi, Mishra and Nissim, PODS 2005): whoever knows the interval, the seed and the party's
 * frontier utilities can compute the cells, so how they fall reveals nothing. The cost is borne by
 * the rounded party: packages between its floor and its band's top are left out of the public round
 * (its own safe offers keep them).
 */
public final class FloorBands {
    public static final int MIN_FLOOR = 0;
    public static final int MAX_FLOOR = 10_000;
    /** The default privacy level's band width (docs/privacy.md). */
    public static final int DEFAULT_WIDTH = 2_000;

    /** A closed interval of floor values. */
    public record Band(int lo, int hi) {
        public Band {
            if (lo > hi || lo < MIN_FLOOR || hi > MAX_FLOOR) {
                throw new IllegalArgumentException("not a band of floors: " + lo + ".." + hi);
            }
        }

        public static final Band ALL = new Band(MIN_FLOOR, MAX_FLOOR);

        public boolean contains(int floor) {
            return lo <= floor && floor <= hi;
        }

        public int width() {
            return hi - lo;
        }
    }

    private FloorBands() {
    }

    /**
     * The bands a round cuts {@code known} into: a partition of it into intervals each at least
     * {@code width} wide (or {@code known} whole when it cannot hold two). Each band ends, where it
     * can, exactly on one of {@code breakpoints} (the party's utilities on the Pareto frontier within
     * limits, {@link negotiation.engine.Engine#frontierUtilities}): a floor rounded up to such a
     * point keeps every frontier package it had, so an honest party loses only the frontier points
     * strictly inside its band. The first band's extra width, 0..width, comes from the seed and the
     * party's position, so a party that changes its floor meets a different cut. With no
     * breakpoints (or {@code null}) the cuts fall every width + 1 points.
     */
    public static List<Band> cut(Band known, int width, long seed, int party, int[] breakpoints) {
        if (width <= 0) throw new IllegalArgumentException("band width must be positive, got " + width);
        int span = known.width();
        if (span < 2 * width + 1) return List.of(known);
        int slack = span - (2 * width + 1);
        int lowestTop = known.lo() + width + new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (party + 1)))
                .nextInt(Math.min(width, slack) + 1);
        int highestTop = known.hi() - width - 1; // the band above must stay width wide
        List<Band> bands = new ArrayList<>();
        int lo = known.lo();
        while (lowestTop <= highestTop) {
            int top = Math.min(highestTop, breakpoints == null ? lowestTop : atOrAbove(breakpoints, lowestTop, lowestTop));
            bands.add(new Band(lo, top));
            lo = top + 1;
            lowestTop = lo + width;
        }
        bands.add(new Band(lo, known.hi()));
        return bands;
    }

    /** The smallest breakpoint at or above {@code value}, or {@code otherwise}. */
    private static int atOrAbove(int[] breakpoints, int value, int otherwise) {
        int i = java.util.Arrays.binarySearch(breakpoints, value);
        if (i < 0) i = -i - 1;
        return i < breakpoints.length ? breakpoints[i] : otherwise;
    }

    /** The band of {@link #cut} that holds the floor. */
    public static Band bandOf(Band known, int floor, int width, long seed, int party, int[] breakpoints) {
        if (!known.contains(floor)) throw new IllegalArgumentException("floor " + floor + " outside " + known);
        for (Band band : cut(known, width, seed, party, breakpoints)) {
            if (band.contains(floor)) return band;
        }
        throw new IllegalStateException("the bands partition " + known);
    }
}
