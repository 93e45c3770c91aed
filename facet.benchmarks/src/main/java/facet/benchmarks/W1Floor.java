package facet.benchmarks;

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
 * W1's floor: the same no-op hooks of the same graph, called by a plain loop in topological
 * order and back, on the benchmark's thread. No manager can cost less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {FixedHeap.MIN, FixedHeap.MAX, FixedHeap.PRE_TOUCH})
public class W1Floor {

    @Param({"1000", "10000", "100000"})
    public int n;

    @Param({"SEQUENTIAL", "PARALLEL", "FLAT"})
    public Shape shape = Shape.SEQUENTIAL;

    private List<NoOpService> services = List.of();

    @Setup
    public void setUp() {
        services = shape.build(n);
    }

    @Benchmark
    public void loop() throws Exception {
        for (int at = services.size() - 1; at >= 0; at--) {
            services.get(at).start();
        }
        for (NoOpService service : services) {
            service.stop();
        }
    }
}
