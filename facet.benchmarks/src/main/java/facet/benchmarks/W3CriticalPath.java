package facet.benchmarks;

import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W3: the wall time of {@code Facet.start} on {@link RandomDag}, against its critical path
 * (the report computes it from the same graph).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 15)
@Fork(1)
public class W3CriticalPath {

    @Param({"virtual", "threads"})
    public String backend = "virtual";

    private Service root = new NoOpService(-1);
    private @Nullable Running<Service> running;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Backends.select(backend);
        root = new RandomDag().root();
    }

    @TearDown(Level.Invocation)
    public void close() throws Exception {
        Running<Service> started = running;
        running = null;
        if (started != null) {
            started.close();
        }
    }

    @Benchmark
    public void facet() throws Exception {
        running = Facet.start(root);
    }
}
