package negotiation.bench.engine;

import java.util.concurrent.TimeUnit;
import negotiation.engine.Engine;
import negotiation.engine.EnumerationEngine;
import negotiation.engine.Round;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full recommendation (balanced point, acceptable frontier, draws: {@code Engine.computeRound})
 * per operation, on a seeded random agenda given as "parties x issues x options".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBench {

    @Param({"2x8x6"})
    public String agenda;

    private Agendas.Agenda subject;
    private long seed;

    @Setup
    public void setUp() {
        String[] dims = agenda.split("x");
        subject = Agendas.random(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]), 2026);
    }

    @Benchmark
    public Round frontier() {
        return Engine.computeRound(subject.optionCounts(), subject.parties(), seed++);
    }

    @Benchmark
    public Round enumeration() {
        return EnumerationEngine.computeRound(subject.optionCounts(), subject.parties(), seed++);
    }
}
