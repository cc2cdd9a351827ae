package negotiation.engine;

/**
 * The best package offered so far by product of utilities, then by sum (DESIGN rules 2 and 6).
 * On a full tie the first one offered stays, which in walk order is the lexicographically smallest.
 */
final class BestPackage {

    private int ordinal = -1;
    private int[] utilities;

    void offer(int ordinal, int[] utilities) {
        if (this.ordinal < 0 || Utilities.compareByProductThenSum(utilities, this.utilities) > 0) {
            this.ordinal = ordinal;
            this.utilities = utilities.clone();
        }
    }

    boolean isEmpty() {
        return ordinal < 0;
    }

    int ordinal() {
        return ordinal;
    }

    int[] utilities() {
        return utilities;
    }
}
