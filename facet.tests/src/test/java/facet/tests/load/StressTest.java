package facet.tests.load;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import facet.testkit.EngineCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 16 threads start and close roots that share services, at random, for a bounded number of
 * operations: no service is ever started while it runs, and afterwards every service's starts
 * match its stops and nothing runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StressTest {

    private static final int THREADS = 16;
    private static final int OPERATIONS = 5_000;

    /** Counts its starts and stops, and catches a start while it already runs. */
    private static final class Shared implements Service {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        final AtomicInteger alive = new AtomicInteger();
        final ConcurrentLinkedQueue<String> violations;
        private final String name;
        private Dependencies dependencies = Dependencies.none();

        Shared(String name, ConcurrentLinkedQueue<String> violations) {
            this.name = name;
            this.violations = violations;
        }

        @Override
        public void start() {
            starts.incrementAndGet();
            if (alive.incrementAndGet() != 1) {
                violations.add(name + " started while it ran (R3)");
            }
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
            if (alive.decrementAndGet() != 0) {
                violations.add(name + " stopped while not running once (R3)");
            }
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
    void sixteenThreadsStartingAndClosingSharedRootsKeepTheCountsRight() throws Exception {
        int servicesBefore = EngineCounts.liveServices(); // what earlier tests in this JVM left
        var violations = new ConcurrentLinkedQueue<String>();
        var database = new Shared("database", violations);
        var cache = new Shared("cache", violations);
        cache.dependencies = Dependencies.of(database);
        var queue = new Shared("queue", violations);
        var all = new ArrayList<Shared>(List.of(database, cache, queue));
        var roots = new ArrayList<Shared>();
        for (int index = 0; index < 8; index++) {
            var root = new Shared("root" + index, violations);
            root.dependencies = switch (index % 3) {
                case 0 -> Dependencies.of(cache);
                case 1 -> Dependencies.parallel(cache, queue);
                default -> Dependencies.of(database).then(queue);
            };
            roots.add(root);
            all.add(root);
        }
        var go = new CountDownLatch(1);
        var failures = new ConcurrentLinkedQueue<Throwable>();
        var threads = new ArrayList<Thread>();
        for (int index = 0; index < THREADS; index++) {
            long seed = index;
            threads.add(Thread.ofPlatform().name("stress-" + index).start(() -> {
                var random = new SplittableRandom(seed);
                var held = new ArrayList<Running<Shared>>();
                try {
                    go.await();
                    for (int operation = 0; operation < OPERATIONS; operation++) {
                        if (held.isEmpty() || random.nextBoolean()) {
                            held.add(Facet.start(roots.get(random.nextInt(roots.size()))));
                        } else {
                            held.remove(random.nextInt(held.size())).close();
                        }
                    }
                    for (Running<Shared> running : held) {
                        running.close();
                    }
                } catch (Throwable failed) {
                    failures.add(failed);
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(violations).isEmpty();
        for (Shared service : all) {
            assertThat(service.stops).as(service + " stops").hasValue(service.starts.get());
            assertThat(service.running()).as(service + " running").isFalse();
        }
        assertThat(database.starts.get()).as("database started at all").isPositive();
        assertThat(EngineCounts.liveServices()).isEqualTo(servicesBefore);
    }
}
