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
 * W1 for Guava's {@code ServiceManager} over N no-op {@code AbstractIdleService}s, whose hooks
 * each run on a new platform thread: the usual way to write a Guava service that blocks. Not at
 * 100,000: that is 200,000 threads made per invocation, minutes per iteration. Fresh services
 * per invocation, made outside the measured time, as in {@link W1Guava}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {FixedHeap.MIN, FixedHeap.MAX, FixedHeap.PRE_TOUCH})
public class W1GuavaIdle {

    @Param({"1000", "10000"})
    public int n;

    private List<Service> services = List.of();

    @Setup(Level.Invocation)
    public void freshServices() {
        services = GuavaServices.fresh(n, GuavaServices.IdleNoOp::new);
    }

    @Benchmark
    public void serviceManager() {
        GuavaServices.startAndStop(services);
    }
}
