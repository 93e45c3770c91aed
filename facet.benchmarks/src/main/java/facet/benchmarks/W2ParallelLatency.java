package facet.benchmarks;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.ServiceManager;
import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.util.ArrayList;
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
 * W2: 1,000 services in one parallel step, each blocking 20 ms in {@code start()}: the wall time
 * of {@code Facet.start}. The floor is 20 ms.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 30)
@Fork(1)
public class W2ParallelLatency {

    static final int SERVICES = 1000;
    static final long MILLIS = 20;

    /** facet on one backend. */
    @State(Scope.Benchmark)
    public static class FacetState {
        @Param({"virtual", "threads"})
        public String backend = "virtual";

        Service root = new NoOpService(-1);
        @Nullable Running<Service> running;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Backends.select(backend);
            var sleepers = new ArrayList<Service>(SERVICES);
            for (int id = 0; id < SERVICES; id++) {
                sleepers.add(new Sleeper(id, MILLIS));
            }
            var top = new NoOpService(0);
            top.dependOn(Dependencies.parallel(sleepers));
            root = top;
        }

        @TearDown(Level.Invocation)
        public void close() throws Exception {
            Running<Service> started = running;
            running = null;
            if (started != null) {
                started.close();
            }
        }
    }

    /** Guava's ServiceManager over fresh idle services (they cannot restart). */
    @State(Scope.Benchmark)
    public static class GuavaState {
        @Nullable ServiceManager manager;

        @Setup(Level.Invocation)
        public void freshServices() {
            var services = new ArrayList<SleepingIdleService>(SERVICES);
            for (int id = 0; id < SERVICES; id++) {
                services.add(new SleepingIdleService());
            }
            manager = new ServiceManager(services);
        }

        @TearDown(Level.Invocation)
        public void stop() {
            ServiceManager started = manager;
            manager = null;
            if (started != null) {
                started.stopAsync().awaitStopped();
            }
        }
    }

    @Benchmark
    public void facet(FacetState state) throws Exception {
        state.running = Facet.start(state.root);
    }

    @Benchmark
    public void guava(GuavaState state) {
        requireNonNull(state.manager).startAsync().awaitHealthy();
    }

    /** {@link Sleeper}, Guava's way. */
    static final class SleepingIdleService extends AbstractIdleService {
        @Override
        protected void startUp() throws InterruptedException {
            Thread.sleep(MILLIS);
        }

        @Override
        protected void shutDown() {}
    }
}
