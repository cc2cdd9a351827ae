package negotiation.engine;

/**
 * How much one engine computation may do before it gives up. Two limits. The work limit counts work
 * units (about a nanosecond each on the reference machine, 2 cores) and stored candidates, never
 * wall-clock time, so the same command on the same room always gives the same answer, whatever the
 * load of the machine, on every node and on every retry ({@link FrontierTooLargeException}, a
 * {@code conflict}). The time limit caps the CPU time of the computing thread, so a computation
 * whose work units underestimate its cost on this machine still stops ({@link EngineOutOfTime}, a
 * {@code rate_limited}: nothing is appended and the same command may be sent again later); it is
 * set above what the work limit takes, so it only decides where the work units are wrong.
 *
 * @param maxWork       work units per computation (a round, or an improvement check)
 * @param maxCandidates utility vectors held at once while merging one issue (memory: four bytes
 *                      per party each)
 * @param maxCpuMillis  CPU time of the computing thread per computation, in milliseconds;
 *                      {@link Long#MAX_VALUE} for none (replays, and checks that must be reproducible)
 */
public record EngineLimits(long maxWork, long maxCandidates, long maxCpuMillis) {

    /** System property overriding {@link #maxWork} of {@link #DEFAULT}. */
    public static final String MAX_WORK_PROPERTY = "negotiation.engine.maxWork";

    /** About two seconds of merging on the reference machine (2 cores; see the engine benchmark). */
    public static final long DEFAULT_MAX_WORK = 2_000_000_000L;

    /** 2^24 vectors: at most 64 MiB per party of candidates while merging one issue. */
    public static final long DEFAULT_MAX_CANDIDATES = 1L << 24;

    /** System property overriding {@link #maxCpuMillis} of {@link #DEFAULT}. */
    public static final String MAX_CPU_PROPERTY = "negotiation.engine.maxCpuMillis";

    /**
     * 4 s of CPU: twice what {@link #DEFAULT_MAX_WORK} takes on the reference machine. Rounds of 3
     * parties on 50 issues of 64 options ran 9.5-11 s of CPU before their work units refused them.
     */
    public static final long DEFAULT_MAX_CPU_MILLIS = 4_000;

    /** The built-in limits. */
    public static final EngineLimits DEFAULT = new EngineLimits(DEFAULT_MAX_WORK, DEFAULT_MAX_CANDIDATES,
            DEFAULT_MAX_CPU_MILLIS);

    /** The limits in force: {@link #DEFAULT}, with the values of {@value #MAX_WORK_PROPERTY} and {@value #MAX_CPU_PROPERTY} when set. */
    public static EngineLimits configured() {
        long maxWork = Long.getLong(MAX_WORK_PROPERTY, DEFAULT_MAX_WORK);
        long maxCpu = Long.getLong(MAX_CPU_PROPERTY, DEFAULT_MAX_CPU_MILLIS);
        return maxWork == DEFAULT_MAX_WORK && maxCpu == DEFAULT_MAX_CPU_MILLIS ? DEFAULT
                : new EngineLimits(maxWork, DEFAULT_MAX_CANDIDATES, maxCpu);
    }

    /** These work limits with the default time limit, {@link #DEFAULT_MAX_CPU_MILLIS}. */
    public EngineLimits(long maxWork, long maxCandidates) {
        this(maxWork, maxCandidates, DEFAULT_MAX_CPU_MILLIS);
    }

    /** The same work limits without a time limit: for computations whose answer must be reproducible. */
    public EngineLimits withoutTimeLimit() {
        return new EngineLimits(maxWork, maxCandidates, Long.MAX_VALUE);
    }

    public EngineLimits {
        if (maxWork < 1 || maxCandidates < 1 || maxCpuMillis < 1) throw new IllegalArgumentException("limits must be positive");
        // candidate vectors of up to eight parties must fit one int-indexed array
        if (maxCandidates > 1L << 26) throw new IllegalArgumentException("at most 2^26 candidates, got " + maxCandidates);
    }

    /** About how long {@link #maxWork} takes on the reference machine, for messages. */
    public String approximateTime() {
        double seconds = maxWork / 1e9;
        return seconds >= 1 ? String.format(java.util.Locale.ROOT, "about %.1f s", seconds)
                : String.format(java.util.Locale.ROOT, "about %d ms", Math.max(1, Math.round(seconds * 1000)));
    }
}
