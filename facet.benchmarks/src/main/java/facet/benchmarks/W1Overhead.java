package facet.benchmarks;

import facet.api.Facet;
import facet.api.Service;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1: facet's own cost. Start and stop a graph of N no-op services; the report divides the time
 * of one start + stop by N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {FixedHeap.MIN, FixedHeap.MAX, FixedHeap.PRE_TOUCH})
public class W1Overhead {

    @Param({"virtual", "threads"})
    public String backend = "virtual";

    @Param({"1000", "10000", "100000"})
    public int n;

    @Param({"SEQUENTIAL", "PARALLEL", "FLAT"})
    public Shape shape = Shape.SEQUENTIAL;

    private Service root = new NoOpService(-1);

    @Setup
    public void setUp() throws Exception {
        Backends.select(backend);
        List<NoOpService> services = shape.build(n);
        root = services.get(0);
    }

    @Benchmark
    public void facet() throws Exception {
        Facet.start(root).close();
    }
}
