package negotiation.bench;

/**
 * The benchmarks' entry point: {@code java -jar bench/target/benchmarks.jar [engine|load|privacy]}.
 * Each suite prints one table, with the machine it ran on.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args.length == 0 ? "help" : args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (suite) {
            // one case per suite, each a class with a main(String[] rest)
            case "engine" -> negotiation.bench.engine.EngineSuite.main(rest);
            case "load" -> negotiation.bench.load.LoadBench.main(rest);
            case "privacy" -> negotiation.bench.privacy.PrivacySuite.main(rest);
            case "fairness" -> negotiation.bench.load.FairnessBench.main(rest);
            default -> {
                System.out.println("usage: java -jar bench/target/benchmarks.jar SUITE [options]");
                System.out.println("suites: engine, load, privacy [--quick], fairness [--rooms=20] [--seconds=60]");
                System.out.println("options for " + rest.length + " argument(s) depend on the suite");
            }
        }
    }

}
