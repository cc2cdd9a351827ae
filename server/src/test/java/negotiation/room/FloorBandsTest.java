package negotiation.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** DESIGN rule 8's cut ({@link FloorBands}) on thousands of random known intervals, widths, seeds and breakpoints. */
class FloorBandsTest {

    @Test
    void bandsPartitionWhatIsKnownIntoPiecesAtLeastTheWidthWideEndingOnBreakpointsWhereTheyCan() {
        Random random = new Random(16);
        for (int trial = 0; trial < 20_000; trial++) {
            int lo = random.nextInt(10_001);
            int hi = lo + random.nextInt(10_001 - lo);
            FloorBands.Band known = new FloorBands.Band(lo, hi);
            int width = 1 + random.nextInt(random.nextBoolean() ? 2_500 : 300);
            long seed = random.nextLong();
            int[] breakpoints = random.nextInt(4) == 0 ? null
                    : IntStream.generate(() -> random.nextInt(10_001)).limit(random.nextInt(40)).distinct().sorted().toArray();
            List<FloorBands.Band> bands = FloorBands.cut(known, width, seed, random.nextInt(8), breakpoints);
            String context = "trial " + trial + ": " + known + " width " + width + " " + Arrays.toString(breakpoints) + " -> " + bands;

            assertEquals(lo, bands.get(0).lo(), context);
            assertEquals(hi, bands.get(bands.size() - 1).hi(), context);
            for (int i = 1; i < bands.size(); i++) assertEquals(bands.get(i - 1).hi() + 1, bands.get(i).lo(), context);
            if (known.width() < 2 * width + 1) {
                assertEquals(List.of(known), bands, context + ": too narrow to cut");
            } else {
                assertTrue(bands.size() >= 2, context + ": wide enough to cut");
            }
            for (FloorBands.Band band : bands) {
                assertTrue(band.width() >= Math.min(width, known.width()), context + ": " + band + " narrower than the width");
            }
            for (int i = 0; i < bands.size() - 1 && breakpoints != null; i++) {
                FloorBands.Band band = bands.get(i);
                int top = band.hi();
                boolean onBreakpoint = Arrays.binarySearch(breakpoints, top) >= 0;
                boolean lastPossible = top == hi - width - 1;
                boolean noneAbove = Arrays.stream(breakpoints).noneMatch(b -> b > top && b <= hi - width - 1);
                assertTrue(onBreakpoint || lastPossible || noneAbove, context + ": " + band + " ends between breakpoints");
                // a band never runs past a breakpoint it could have ended on
                if (i > 0) {
                    int lowest = band.lo() + width;
                    for (int b : breakpoints) assertTrue(b < lowest || b >= top, context + ": " + band + " skips " + b);
                }
            }
            int floor = lo + random.nextInt(hi - lo + 1);
            FloorBands.Band of = FloorBands.bandOf(known, floor, width, seed, 3, breakpoints);
            assertTrue(FloorBands.cut(known, width, seed, 3, breakpoints).contains(of), context);
            assertTrue(of.contains(floor), context + ": band of " + floor);
        }
    }

    @Test
    void theCutDependsOnTheSeedAndNotOnTheFloor() {
        FloorBands.Band all = FloorBands.Band.ALL;
        List<FloorBands.Band> first = FloorBands.cut(all, 2_000, 1, 0, null);
        assertEquals(first, FloorBands.cut(all, 2_000, 1, 0, null), "reproducible from the seed");
        long differing = IntStream.range(2, 50).filter(s -> !FloorBands.cut(all, 2_000, s, 0, null).equals(first)).count();
        assertTrue(differing > 40, "the seed moves the cut: " + differing);
        for (FloorBands.Band band : first) {
            assertEquals(band, FloorBands.bandOf(all, band.lo(), 2_000, 1, 0, null));
            assertEquals(band, FloorBands.bandOf(all, band.hi(), 2_000, 1, 0, null));
        }
    }
}
