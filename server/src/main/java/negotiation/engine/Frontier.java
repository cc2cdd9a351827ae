package negotiation.engine;

import java.util.Arrays;

/**
 * An exact Pareto frontier of packages: each distinct non-dominated utility vector once, with the
 * lexicographically smallest package that has it, rebuilt on demand from back-pointers. Points are
 * numbered in lexicographic order of their packages, so a smaller point number means a
 * lexicographically smaller package.
 */
final class Frontier {

    final int parties;
    final int size;
    /** utilities[point * parties + party]. */
    final int[] utilities;
    // parents[issue][point of the frontier after that issue] = point of the frontier before it
    private final int[][] parents;
    private final short[][] options;

    Frontier(int parties, int size, int[] utilities, int[][] parents, short[][] options) {
        this.parties = parties;
        this.size = size;
        this.utilities = utilities;
        this.parents = parents;
        this.options = options;
    }

    static Frontier empty(int parties) {
        return new Frontier(parties, 0, new int[0], new int[0][], new short[0][]);
    }

    int utility(int point, int party) {
        return utilities[point * parties + party];
    }

    int[] vector(int point) {
        return Arrays.copyOfRange(utilities, point * parties, (point + 1) * parties);
    }

    /** The point's package: option indices issue by issue. */
    int[] pkg(int point) {
        int[] pkg = new int[parents.length];
        for (int issue = parents.length - 1; issue >= 0; issue--) {
            pkg[issue] = Short.toUnsignedInt(options[issue][point]);
            point = parents[issue][point];
        }
        return pkg;
    }
}
