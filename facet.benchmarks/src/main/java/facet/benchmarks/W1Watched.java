package facet.benchmarks;

import facet.api.Facet;
import facet.api.LifecycleListener;
import facet.api.Service;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 watched: the start + stop of W1(a) at 10,000 (a sequential tree of no-op services, virtual
 * threads) with nobody watching, with a {@link LifecycleListener} added (it counts the events),
 * and with a flight recording of facet's four events running. Nobody watching is what W1
 * measures; the other two say what watching costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {FixedHeap.MIN, FixedHeap.MAX, FixedHeap.PRE_TOUCH})
public class W1Watched {

    @Param({"none", "listener", "recording"})
    public String watching = "none";

    @Param({"10000"})
    public int n;

    private Service root = new NoOpService(-1);
    private final LongAdder events = new LongAdder();
    private LifecycleListener.@Nullable Registration registration;
    private @Nullable Recording recording;

    @Setup
    public void setUp() throws Exception {
        Backends.select("virtual");
        root = Shape.SEQUENTIAL.build(n).get(0);
        switch (watching) {
            case "none" -> { }
            case "listener" -> registration = Facet.addListener(event -> events.increment());
            case "recording" -> {
                var started = new Recording();
                for (String event : new String[] {"dev.facet.ServiceStart", "dev.facet.ServiceStop",
                        "dev.facet.TaskFailure", "dev.facet.StopAbandoned"}) {
                    started.enable(event);
                }
                started.start();
                recording = started;
            }
            default -> throw new IllegalArgumentException("watching " + watching);
        }
    }

    @TearDown
    public void tearDown() {
        if (registration != null) {
            registration.close();
        }
        if (recording != null) {
            recording.close();
        }
    }

    @Benchmark
    public void facet() throws Exception {
        Facet.start(root).close();
    }
}
