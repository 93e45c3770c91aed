package facet.benchmarks;

import com.google.common.util.concurrent.Service;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 for Guava's {@code ServiceManager}: N no-op {@code AbstractService}s, whose hooks run on
 * the caller's thread, in a flat set (Guava has no dependencies). A Guava service cannot be
 * started twice, so each invocation gets fresh ones, made outside the measured time; the manager
 * is made inside it, as facet reads its graph inside.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {FixedHeap.MIN, FixedHeap.MAX, FixedHeap.PRE_TOUCH})
public class W1Guava {

    @Param({"1000", "10000", "100000"})
    public int n;

    private List<Service> services = List.of();

    @Setup(Level.Invocation)
    public void freshServices() {
        services = GuavaServices.fresh(n, GuavaServices.NoOp::new);
    }

    @Benchmark
    public void serviceManager() {
        GuavaServices.startAndStop(services);
    }
}
