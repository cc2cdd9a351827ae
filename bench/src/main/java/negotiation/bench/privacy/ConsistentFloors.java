package negotiation.bench.privacy;

import java.util.List;

/** A union of disjoint closed intervals of floor values, ascending: the floors an adversary cannot rule out. */
record ConsistentFloors(List<int[]> intervals) {

    long count() {
        long count = 0;
        for (int[] i : intervals) count += i[1] - i[0] + 1;
        return count;
    }

    int hullWidth() {
        return intervals.get(intervals.size() - 1)[1] - intervals.get(0)[0];
    }

    /** The value at position numerator/denominator of the consistent values (the median for 1/2). */
    int quantile(int numerator, int denominator) {
        long target = (count() - 1) * numerator / denominator;
        for (int[] i : intervals) {
            long size = i[1] - i[0] + 1;
            if (target < size) return (int) (i[0] + target);
            target -= size;
        }
        throw new IllegalStateException("empty");
    }

    /** The adversary's best estimate: the median minimises the expected error under a uniform prior. */
    int median() {
        return quantile(1, 2);
    }
}
