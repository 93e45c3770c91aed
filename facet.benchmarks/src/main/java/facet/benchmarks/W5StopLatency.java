package facet.benchmarks;

import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.CountDownLatch;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * W5: a service with 10,000 tasks asleep: the wall time of {@code close()}, which interrupts and
 * awaits every one of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
public class W5StopLatency {

    static final int TASKS = 10_000;

    @Param({"virtual", "threads"})
    public String backend = "virtual";

    private final Service owner = new NoOpService(0);
    private @Nullable Running<Service> running;

    @Setup(Level.Trial)
    public void selectBackend() throws Exception {
        Backends.select(backend);
    }

    /** Starts the service and its tasks, and returns once every task is asleep. */
    @Setup(Level.Invocation)
    public void startSleepers() throws Exception {
        running = Facet.start(owner);
        var asleep = new CountDownLatch(TASKS);
        for (int at = 0; at < TASKS; at++) {
            var unused = owner.addTask(() -> {
                asleep.countDown();
                Thread.sleep(TimeUnit.HOURS.toMillis(1));
            });
        }
        asleep.await();
    }

    @Benchmark
    public void close() throws Exception {
        Running<Service> started = running;
        running = null;
        if (started != null) {
            started.close();
        }
    }
}
