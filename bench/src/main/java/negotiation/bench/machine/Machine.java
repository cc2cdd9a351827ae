package negotiation.bench.machine;

/** The machine a benchmark ran on, as each suite prints it beside its figures. */
public final class Machine {
    private Machine() {
    }

    public static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + runtime.availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB";
    }
}
