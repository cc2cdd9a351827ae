package negotiation.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Counts the work of one engine computation against {@link EngineLimits}, charging each piece
 * before doing it, so a computation that would cross the limit stops at once with a precise error;
 * at each charge it also reads the thread's CPU time against the time limit (the merges charge at
 * least every million units or so, about a millisecond).
 */
final class Work {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final EngineLimits limits;
    private final int parties;
    private final int issues;
    private long used;
    /** The thread's CPU time when the computation started, or -1 without a time limit. */
    private final long startCpu;
    private final long maxCpuNanos;

    Work(EngineLimits limits, int parties, int issues) {
        this.limits = limits;
        this.parties = parties;
        this.issues = issues;
        boolean timed = limits.maxCpuMillis() != Long.MAX_VALUE && THREADS.isCurrentThreadCpuTimeSupported();
        this.maxCpuNanos = timed ? limits.maxCpuMillis() * 1_000_000 : Long.MAX_VALUE;
        this.startCpu = timed ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    void charge(long units) {
        used += units;
        if (units < 0 || used > limits.maxWork()) {
            throw tooLarge("more than the engine's limit of " + limits.maxWork() + " work units ("
                    + limits.approximateTime() + " on the reference machine)");
        }
        if (startCpu >= 0 && THREADS.getCurrentThreadCpuTime() - startCpu > maxCpuNanos) {
            throw new EngineOutOfTime("the engine's time limit of " + limits.maxCpuMillis() + " ms of CPU per computation"
                    + " ran out before the exact Pareto frontier of these " + parties + " parties' interests over " + issues
                    + (issues == 1 ? " issue" : " issues") + " was complete");
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
