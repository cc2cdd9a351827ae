package negotiation.engine;

/**
 * A computation used more CPU time than {@link EngineLimits#maxCpuMillis} allows. Unlike
 * {@link FrontierTooLargeException} this depends on the machine, so a command refused for it may
 * succeed when sent again. The message names only the limit, never anything of a party's interests.
 */
public final class EngineOutOfTime extends RuntimeException {

    public EngineOutOfTime(String message) {
        super(message, null, false, false);
    }
}
