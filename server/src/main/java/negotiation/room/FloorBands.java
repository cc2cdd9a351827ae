package negotiation.room;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DESIGN rule 8 as implemented: before a round, each party's floor is rounded UP to the top of a
 * band at least {@code width} points wide, and the round is computed on the rounded floors.
 *
 * <p>Per party the room keeps {@code known}: the interval of floor values that is consistent with
 * everything every other party has been shown since that party last changed its floor (at the
 * start, 0..10000). A round cuts {@code known} into bands each at least {@code width} wide
 * (hull width, so at least width + 1 integer values), from {@code known} and the round's seed
 * only; the party's band is the one holding its floor, and the round sees the band's top as the
 * floor. Every output of the round is therefore the same for every floor of that band: the most
 * any other party, or any coalition of them, can learn from this round about the floor is the
 * band, and {@code known} becomes the band. Once {@code known} is narrower than two bands it is
 * not cut again, so after any number of rounds it stays at least {@code width} wide.
 *
 * <p>Nothing here reads another party's data or the floor itself to decide the cut (simulatable
 * auditing, Kenthapadi, Mishra and Nissim, PODS 2005): a party that knows {@code known} and the
 * seed can compute the bands itself, so how they are cut reveals nothing. The cost is borne by the
 * rounded party: packages between its floor and its band's top are left out of the round.
 */
public final class FloorBands {
    public static final int MIN_FLOOR = 0;
    public static final int MAX_FLOOR = 10_000;
    /** DESIGN rule 8's bound: the interval of floors consistent with a party's view stays this wide. */
    public static final int DEFAULT_WIDTH = 2_000;
    /** The system property that sets the band width; 0 turns banding off (the rules before rule 8). */
    public static final String WIDTH_PROPERTY = "negotiation.floorBand";

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

    /** The band width new rounds use: the system property, else {@link #DEFAULT_WIDTH}. */
    public static int configuredWidth() {
        return Integer.getInteger(WIDTH_PROPERTY, DEFAULT_WIDTH);
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
