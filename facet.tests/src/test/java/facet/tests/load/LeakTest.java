package facet.tests.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import facet.testkit.EngineCounts;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 start/close cycles of a 50-service graph with tasks leave nothing behind: no service in
 * the engine's bookkeeping, no worker, no extra platform thread, and every start matched by a
 * stop. And nothing keeps a stopped or failed service reachable.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeakTest {

    private static final int CYCLES = 10_000;

    /** A service with a task that runs until its service stops, and one that just ends. */
    private static final class Counted implements Service {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        private final String name;
        private final boolean withTasks;
        private Dependencies dependencies = Dependencies.none();

        Counted(String name, boolean withTasks) {
            this.name = name;
            this.withTasks = withTasks;
        }

        @Override
        public void start() {
            starts.incrementAndGet();
            if (withTasks) {
                addTask(() -> Thread.sleep(Long.MAX_VALUE)); // until its service stops
                addTask(() -> name.length()); // ends at once
            }
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
        }

        @Override
        public Dependencies dependencies() {
            return dependencies;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void tenThousandCyclesLeaveNothingBehind() throws Exception {
        // what earlier tests in this JVM left (a stop given up at its deadline goes on)
        int servicesBefore = EngineCounts.liveServices();
        int workersBefore = EngineCounts.liveWorkers();
        List<Counted> services = graphOfFifty();
        Service root = services.get(0);
        try (var running = Facet.start(root)) { // the counts see what runs, not only zero
            assertThat(EngineCounts.liveServices()).isGreaterThanOrEqualTo(servicesBefore + 50);
            assertThat(EngineCounts.liveWorkers()).as("workers, with tasks running").isPositive();
        }
        for (int cycle = 1; cycle < 100; cycle++) { // warm: the pool has what a cycle needs
            Facet.start(root).close();
        }
        awaitWorkersAtMost(workersBefore);
        int baseline = ManagementFactory.getThreadMXBean().getThreadCount();

        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Facet.start(root).close();
        }

        assertThat(EngineCounts.liveServices()).as("services in the engine's bookkeeping")
                .isEqualTo(servicesBefore);
        awaitWorkersAtMost(workersBefore);
        // a pool of platform threads may keep a few idle ones a while, never more each cycle
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount())
                .as("platform threads, against %s after warming up", baseline)
                .isLessThanOrEqualTo(baseline + 4);
        for (Counted service : services) {
            assertThat(service.starts).as(service + " starts").hasValue(CYCLES + 100);
            assertThat(service.stops).as(service + " stops").hasValue(CYCLES + 100);
            assertThat(service.running()).as(service + " running").isFalse();
        }
    }

    /** A dependent of {@code shared}, started and closed once; only the reference is left. */
    private static WeakReference<Service> aDependentThatCameAndWent(Service shared,
            ReferenceQueue<Service> collected) throws Exception {
        Service dependent = new Service() {
            @Override
            public void start() {
                addTask(() -> Thread.sleep(Long.MAX_VALUE)); // until its service stops
            }

            @Override
            public Dependencies dependencies() {
                return Dependencies.of(shared);
            }

            @Override
            public Duration gracefulShutdownTimeout() {
                return Duration.ofHours(1); // an alarm left armed would hold it that long
            }
        };
        Facet.start(dependent).close();
        return new WeakReference<>(dependent, collected);
    }

    /** A service whose start failed; only the reference is left. */
    private static WeakReference<Service> aServiceWhoseStartFailed(
            ReferenceQueue<Service> collected) {
        Service failing = new Service() {
            @Override
            public void start() throws IOException {
                throw new IOException("cannot start");
            }
        };
        assertThat(catchThrowable(() -> Facet.start(failing))).hasMessage("cannot start");
        return new WeakReference<>(failing, collected);
    }

    /** Collects garbage until {@code service} is collected, for at most ten seconds. */
    private static void assertCollected(WeakReference<Service> service,
            ReferenceQueue<Service> collected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!service.refersTo(null)) {
            assertThat(System.nanoTime()).as(what + " is still reachable").isLessThan(deadline);
            System.gc();
            var unused = collected.remove(100); // woken as soon as it is collected
        }
    }

    @Test
    void aStoppedServiceIsNotKeptReachableByTheEngineNorByAServiceItSharedThatStillRuns()
            throws Exception {
        var shared = new Counted("shared", true);
        try (var running = Facet.start(shared)) {
            var collected = new ReferenceQueue<Service>();

            assertCollected(aDependentThatCameAndWent(shared, collected), collected,
                    "the stopped dependent");
            assertThat(shared.running()).isTrue();
        }
    }

    @Test
    void aServiceWhoseStartFailedIsNotKeptReachable() throws Exception {
        var collected = new ReferenceQueue<Service>();

        assertCollected(aServiceWhoseStartFailed(collected), collected, "the failed service");
    }

    /** A root over 7 services in a parallel step, each over 6 more in sequential steps. */
    private static List<Counted> graphOfFifty() {
        var all = new ArrayList<Counted>();
        var root = new Counted("root", true);
        all.add(root);
        var middle = new ArrayList<Service>();
        for (int branch = 0; branch < 7; branch++) {
            var mid = new Counted("mid" + branch, branch % 2 == 0);
            all.add(mid);
            middle.add(mid);
            var leaves = new ArrayList<Service>();
            for (int leaf = 0; leaf < 6; leaf++) {
                var service = new Counted("leaf" + branch + "." + leaf, leaf == 0);
                all.add(service);
                leaves.add(service);
            }
            mid.dependencies = Dependencies.of(leaves);
        }
        root.dependencies = Dependencies.parallel(middle);
        assertThat(all).hasSize(50);
        return all;
    }

    /** Workers end shortly after the last run they could take: wait for that, bounded. */
    private static void awaitWorkersAtMost(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (EngineCounts.liveWorkers() > count && System.nanoTime() < deadline) {
            Thread.sleep(1); // polls a condition; orders nothing
        }
        assertThat(EngineCounts.liveWorkers()).as("workers alive").isLessThanOrEqualTo(count);
    }
}
