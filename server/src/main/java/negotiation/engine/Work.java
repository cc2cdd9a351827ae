package negotiation.engine;

/**
 * Counts the work of one engine computation against {@link EngineLimits}, charging each piece
 * before doing it, so a computation that would cross the limit stops at once with a precise error.
 */
final class Work {

    private final EngineLimits limits;
    private final int parties;
    private final int issues;
    private long used;

    Work(EngineLimits limits, int parties, int issues) {
        this.limits = limits;
        this.parties = parties;
        this.issues = issues;
    }

    void charge(long units) {
        used += units;
        if (units < 0 || used > limits.maxWork()) {
            throw tooLarge("more than the engine's limit of " + limits.maxWork() + " work units ("
                    + limits.approximateTime() + " on the reference machine)");
        }
    }

    void holdCandidates(long candidates) {
        if (candidates > limits.maxCandidates()) {
            throw tooLarge("more than the engine's limit of " + limits.maxCandidates() + " candidate packages at once");
        }
    }

    long used() {
        return used;
    }

    private FrontierTooLargeException tooLarge(String limit) {
        return new FrontierTooLargeException("the exact Pareto frontier of these " + parties + " parties' interests over "
                + issues + (issues == 1 ? " issue" : " issues") + " needs " + limit
                + ": proposals cannot be computed exactly; fewer issues or options, or fewer distinct values, make it smaller");
    }
}
