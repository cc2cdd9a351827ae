package negotiation.engine;

import java.math.BigInteger;

/** Exact arithmetic on utility vectors (one utility per party, each 0..10000): products and sums. */
final class Utilities {

    /** 10000^4 < 2^63, so up to four parties a product of utilities fits a long. */
    static final int PARTIES_FITTING_LONG = 4;

    private Utilities() {
    }

    static long sum(int[] utilities) {
        long sum = 0;
        for (int u : utilities) sum += u;
        return sum;
    }

    /** The product of all utilities; exact for any number of parties. */
    static BigInteger product(int[] utilities) {
        BigInteger product = BigInteger.ONE;
        // multiply in long chunks of four factors: exact, and far fewer BigInteger operations
        for (int from = 0; from < utilities.length; from += PARTIES_FITTING_LONG) {
            int to = Math.min(utilities.length, from + PARTIES_FITTING_LONG);
            product = product.multiply(BigInteger.valueOf(longProduct(utilities, from, to)));
        }
        return product;
    }

    /** Orders vectors by product of utilities, then by sum: rule 2 before its lexicographic tie-break. */
    static int compareByProductThenSum(int[] a, int[] b) {
        int byProduct = a.length <= PARTIES_FITTING_LONG
                ? Long.compare(longProduct(a, 0, a.length), longProduct(b, 0, b.length))
                : product(a).compareTo(product(b));
        return byProduct != 0 ? byProduct : Long.compare(sum(a), sum(b));
    }

    /** True when every party's utility in a is strictly greater than in b. */
    static boolean strictlyBetterForAll(int[] a, int[] b) {
        for (int party = 0; party < a.length; party++) {
            if (a[party] <= b[party]) return false;
        }
        return true;
    }

    private static long longProduct(int[] utilities, int from, int to) {
        long product = 1;
        for (int party = from; party < to; party++) product *= utilities[party];
        return product;
    }
}
