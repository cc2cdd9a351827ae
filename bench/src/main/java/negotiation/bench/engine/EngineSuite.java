package negotiation.bench.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import negotiation.bench.machine.Machine;
import negotiation.engine.Engine;
import negotiation.engine.EngineLimits;
import negotiation.engine.EnumerationEngine;
import negotiation.engine.FrontierTooLargeException;
import negotiation.engine.Round;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code java -jar bench/target/benchmarks.jar engine}: the engine's table. JMH (one fork, 3 x 1 s
 * warm-up, 5 x 1 s measurement, GC profiler for allocation) times the two-party recommendations,
 * the frontier engine and enumeration on the same 8 x 6 agenda in the same run; then a timed search
 * finds, for three and four parties, the largest agenda solved exactly in under a second.
 * A few minutes in all.
 */
public final class EngineSuite {

    private static final String[] TWO_PARTY = {"2x8x6", "2x24x8", "2x50x100", "2x50x1001"};
    private static final long SECOND = 1_000_000_000L;

    private EngineSuite() {
    }

    public static void main(String[] args) throws Exception {
        List<String[]> rows = new ArrayList<>();
        double enumeration = jmh("enumeration", new String[] {"2x8x6"}, rows).get(0);
        List<Double> frontier = jmh("frontier", TWO_PARTY, rows);
        rows.add(new String[] {"2 parties, 8 x 6", "frontier vs enumeration", "",
                String.format(Locale.ROOT, "%.0fx faster", enumeration / frontier.get(0)), ""});
        for (int parties = 3; parties <= 4; parties++) {
            for (int options : new int[] {5, 10}) rows.add(largestUnderASecond(parties, options));
        }
        print(rows);
    }

    /** Runs one benchmark method over agendas; adds a row each; returns the mean times in microseconds. */
    private static List<Double> jmh(String method, String[] agendas, List<String[]> rows) throws Exception {
        Options options = new OptionsBuilder()
                .include(EngineBench.class.getName() + "." + method + "$")
                .param("agenda", agendas)
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Xmx2g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Double> means = new ArrayList<>();
        for (String agenda : agendas) {
            RunResult result = results.stream()
                    .filter(r -> r.getParams().getParam("agenda").equals(agenda)).findFirst().orElseThrow();
            Result<?> time = result.getPrimaryResult();
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            means.add(time.getScore());
            String[] dims = agenda.split("x");
            rows.add(new String[] {
                dims[0] + " parties, " + dims[1] + " x " + dims[2] + " (" + packages(dims) + " packages)",
                method.equals("frontier") ? "frontier engine, full recommendation" : "enumeration, full recommendation",
                time(time.getScore() * 1000) + " ± " + time(time.getScoreError() * 1000),
                "",
                alloc == null ? "n/a" : bytes(alloc.getScore())});
        }
        return means;
    }

    /**
     * Binary search over the number of issues (1..50, so many options each) for the largest agenda
     * whose round takes under a second (best of two timed runs after a warm-up run), with the work
     * limit raised so that the clock, not the limit, decides.
     */
    private static String[] largestUnderASecond(int parties, int options) {
        warmUp(parties);
        int low = 0;
        long lowNanos = 0;
        int high = 51;
        while (high - low > 1) {
            int mid = (low + high) / 2;
            long nanos = timeRound(parties, mid, options);
            if (nanos < SECOND) {
                low = mid;
                lowNanos = nanos;
            } else {
                high = mid;
            }
        }
        String agenda = parties + " parties, " + low + " x " + options + " (" + packages(new String[] {"", "" + low, "" + options}) + " packages)";
        String next = high > 50 ? "every agenda up to 50 issues" : (high + " issues: " + (timeRound(parties, high, options) == Long.MAX_VALUE
                ? "over the work limit" : "over 1 s"));
        return new String[] {agenda, "largest solved exactly under 1 s (" + next + ")", time(lowNanos), "", ""};
    }

    private static void warmUp(int parties) {
        Agendas.Agenda agenda = Agendas.random(parties, 8, 5, 1);
        long until = System.nanoTime() + 2 * SECOND;
        while (System.nanoTime() < until) Engine.computeRound(agenda.optionCounts(), agenda.parties(), 1);
    }

    /** Best of two runs after one untimed run, in nanoseconds; Long.MAX_VALUE beyond 3 s of work. */
    private static long timeRound(int parties, int issues, int options) {
        Agendas.Agenda agenda = Agendas.random(parties, issues, options, 2026);
        EngineLimits limits = new EngineLimits(3 * SECOND, EngineLimits.DEFAULT_MAX_CANDIDATES);
        long best = Long.MAX_VALUE;
        try {
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                Round round = Engine.computeRound(agenda.optionCounts(), agenda.parties(), run, limits);
                long nanos = System.nanoTime() - start;
                if (round == null) throw new IllegalStateException();
                if (run > 0 || nanos > SECOND) best = Math.min(best, nanos);
                if (nanos > SECOND) break;
            }
        } catch (FrontierTooLargeException e) {
            return Long.MAX_VALUE;
        }
        return best;
    }

    private static void print(List<String[]> rows) {
        String[] header = {"agenda", "what", "time per computation", "ratio", "allocated per computation"};
        StringBuilder table = new StringBuilder();
        table.append(line(header)).append(line(new String[] {"---", "---", "---:", "---:", "---:"}));
        for (String[] row : rows) table.append(line(row));
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.println("Machine: " + Machine.describe());
        System.out.println("Enumeration handles up to " + EnumerationEngine.MAX_PACKAGES + " packages; the frontier engine's work limit is "
                + EngineLimits.DEFAULT.maxWork() + " units (" + EngineLimits.DEFAULT.approximateTime() + ").");
    }

    private static String line(String[] cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String packages(String[] dims) {
        double count = Math.pow(Integer.parseInt(dims[2]), Integer.parseInt(dims[1]));
        if (count < 1e7) return String.format(Locale.ROOT, "%,d", (long) count).replace(',', ' ');
        return String.format(Locale.ROOT, "%.1e", count).replace("e+", "e");
    }

    private static String time(double nanos) {
        if (nanos >= 1e9) return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        if (nanos >= 1e6) return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        if (nanos >= 1e3) return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        return String.format(Locale.ROOT, "%.0f ns", nanos);
    }

    private static String bytes(double bytes) {
        if (bytes >= 1 << 20) return String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
        if (bytes >= 1 << 10) return String.format(Locale.ROOT, "%.1f KiB", bytes / (1 << 10));
        return String.format(Locale.ROOT, "%.0f B", bytes);
    }
}
