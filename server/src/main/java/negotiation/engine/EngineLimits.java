package negotiation.engine;

/**
 * How much work one engine computation may do before it gives up with
 * {@link FrontierTooLargeException}. Deterministic on purpose: the limit counts work units (about
 * a nanosecond each on the reference machine, 2 cores) and stored candidates, never wall-clock
 * time, so the same command on the same room always gives the same answer, whatever the load of
 * the machine, on every node and on every retry; an event-sourced decision must not depend on
 * how busy the server was.
 *
 * @param maxWork       work units per computation (a round, or an improvement check)
 * @param maxCandidates utility vectors held at once while merging one issue (memory: four bytes
 *                      per party each)
 */
public record EngineLimits(long maxWork, long maxCandidates) {

    /** System property overriding {@link #maxWork} of {@link #DEFAULT}. */
    public static final String MAX_WORK_PROPERTY = "negotiation.engine.maxWork";

    /** About two seconds of merging on the reference machine (2 cores; see the engine benchmark). */
    public static final long DEFAULT_MAX_WORK = 2_000_000_000L;

    /** 2^24 vectors: at most 64 MiB per party of candidates while merging one issue. */
    public static final long DEFAULT_MAX_CANDIDATES = 1L << 24;

    /** The built-in limits. */
    public static final EngineLimits DEFAULT = new EngineLimits(DEFAULT_MAX_WORK, DEFAULT_MAX_CANDIDATES);

    /** The limits in force: {@link #DEFAULT}, with {@link #maxWork} from {@value #MAX_WORK_PROPERTY} when set. */
    public static EngineLimits configured() {
        long maxWork = Long.getLong(MAX_WORK_PROPERTY, DEFAULT_MAX_WORK);
        return maxWork == DEFAULT_MAX_WORK ? DEFAULT : new EngineLimits(maxWork, DEFAULT_MAX_CANDIDATES);
    }

    public EngineLimits {
        if (maxWork < 1 || maxCandidates < 1) throw new IllegalArgumentException("limits must be positive");
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
