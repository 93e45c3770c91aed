package facet.benchmarks;

import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * W4: 1,000,000 short tasks that complete, submitted and awaited: through {@code addTask} of a
 * running service, and straight to {@code Executors.newVirtualThreadPerTaskExecutor()}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class W4Tasks {

    static final int TASKS = 1_000_000;

    /** What each task does: short, and not optimized away. */
    static final LongAdder DONE = new LongAdder();

    /** A running service to own the tasks. */
    @State(Scope.Benchmark)
    public static class FacetState {
        @Param({"virtual", "threads"})
        public String backend = "virtual";

        final Service owner = new NoOpService(0);
        @Nullable Running<Service> running;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Backends.select(backend);
            running = Facet.start(owner);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            Running<Service> started = running;
            if (started != null) {
                started.close();
            }
        }
    }

    /** The raw executor. */
    @State(Scope.Benchmark)
    public static class RawState {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.close();
        }
    }

    @Benchmark
    public void facet(FacetState state) throws Exception {
        var futures = new Future<?>[TASKS];
        for (int at = 0; at < TASKS; at++) {
            futures[at] = state.owner.addTask(DONE::increment);
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }

    @Benchmark
    public void virtualExecutor(RawState state) throws Exception {
        var futures = new Future<?>[TASKS];
        for (int at = 0; at < TASKS; at++) {
            futures[at] = state.executor.submit(DONE::increment);
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }
}
