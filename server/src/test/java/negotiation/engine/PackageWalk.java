package negotiation.engine;

import java.util.List;

/**
 * Visits every package of an agenda once, in lexicographic order of option indices (issue 0
 * most significant), keeping each party's utility and the limits check up to date as it goes.
 */
final class PackageWalk {

    /** Receives each package by its ordinal; the utilities array is reused, so copy what you keep. */
    interface Visitor {
        void visit(int ordinal, int[] utilities, boolean withinLimits);
    }

    private final int[] optionCounts;
    private final int[][][] points;
    private final boolean[][] allowedByAll;
    private final int[] options;
    private final int[] utilities;
    private int issuesOutsideLimits;

    private PackageWalk(int[] optionCounts, List<PartyProfile> parties) {
        this.optionCounts = optionCounts;
        this.points = parties.stream().map(PartyProfile::points).toArray(int[][][]::new);
        this.allowedByAll = allowedByAll(optionCounts, parties);
        this.options = new int[optionCounts.length];
        this.utilities = parties.stream().mapToInt(p -> Engine.utility(p, options)).toArray();
        for (boolean[] allowed : allowedByAll) {
            if (!allowed[0]) issuesOutsideLimits++;
        }
    }

    /** Walks all packages; the caller has checked that their number fits the engine's cap. */
    static void walk(int[] optionCounts, List<PartyProfile> parties, Visitor visitor) {
        new PackageWalk(optionCounts, parties).run(visitor);
    }

    /** Decodes an ordinal of the walk back into option indices. */
    static int[] options(int[] optionCounts, int ordinal) {
        int[] options = new int[optionCounts.length];
        for (int issue = optionCounts.length - 1; issue >= 0; issue--) {
            options[issue] = ordinal % optionCounts[issue];
            ordinal /= optionCounts[issue];
        }
        return options;
    }

    private void run(Visitor visitor) {
        int ordinal = 0;
        do {
            visitor.visit(ordinal++, utilities, issuesOutsideLimits == 0);
        } while (advance());
    }

    /** Steps the mixed-radix counter; false once every issue has wrapped back to option 0. */
    private boolean advance() {
        for (int issue = options.length - 1; issue >= 0; issue--) {
            if (options[issue] + 1 < optionCounts[issue]) {
                choose(issue, options[issue] + 1);
                return true;
            }
            choose(issue, 0);
        }
        return false;
    }

    // Only the changed issue's points move, so a step costs one subtraction per party.
    private void choose(int issue, int option) {
        int previous = options[issue];
        for (int party = 0; party < utilities.length; party++) {
            utilities[party] += points[party][issue][option] - points[party][issue][previous];
        }
        if (!allowedByAll[issue][previous]) issuesOutsideLimits--;
        if (!allowedByAll[issue][option]) issuesOutsideLimits++;
        options[issue] = option;
    }

    private static boolean[][] allowedByAll(int[] optionCounts, List<PartyProfile> parties) {
        boolean[][] allowed = new boolean[optionCounts.length][];
        for (int issue = 0; issue < optionCounts.length; issue++) {
            allowed[issue] = new boolean[optionCounts[issue]];
            for (int option = 0; option < optionCounts[issue]; option++) {
                final int i = issue, o = option;
                allowed[issue][option] = parties.stream().allMatch(p -> p.allowed()[i][o]);
            }
        }
        return allowed;
    }
}
