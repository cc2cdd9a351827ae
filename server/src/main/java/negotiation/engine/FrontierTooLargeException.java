package negotiation.engine;

/**
 * The exact Pareto frontier needs more work (or memory) than {@link EngineLimits} allows. Thrown
 * before the limit is crossed, never after a long wait, and never replaced by an approximate answer.
 * The message names only public facts (the number of parties and issues, the limit), never
 * anything derived from one party's interests.
 */
public final class FrontierTooLargeException extends RuntimeException {

    public FrontierTooLargeException(String message) {
        super(message, null, false, false);
    }
}
