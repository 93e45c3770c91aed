package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import facet.testkit.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R11: every public call is safe from any thread; concurrent starts of one instance start it
 * once; no lock is held while user code runs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadSafetyTest extends Graphs {

    private static final int THREADS = 8;

    /** Fails if it is ever started twice without a stop between. */
    private static final class Exclusive implements Service {
        final AtomicInteger live = new AtomicInteger();
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public void start() {
            starts.incrementAndGet();
            if (live.incrementAndGet() != 1) {
                throw new IllegalStateException("started while already live");
            }
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
            live.decrementAndGet();
        }
    }

    @RepeatedTest(5)
    void eightThreadsStartingTheSameServiceTogetherStartItOnce() throws Exception {
        var shared = new Exclusive();
        var root = service("root").dependsOn(Dependencies.of(shared));
        var allStarted = new CyclicBarrier(THREADS);
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            var results = new ArrayList<Future<Boolean>>();
            for (int thread = 0; thread < THREADS; thread++) {
                results.add(threads.submit(() -> {
                    try (Running<?> running = Facet.start(root)) {
                        boolean wasRunning = root.running() && shared.running();
                        allStarted.await(30, TimeUnit.SECONDS); // all hold it at once
                        return wasRunning;
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(shared.starts).hasValue(1);
        assertThat(shared.stops).hasValue(1);
        assertThat(journal.count("root", "start")).isEqualTo(1);
        assertThat(journal.count("root", "stop")).isEqualTo(1);
    }

    @RepeatedTest(3)
    void eightThreadsStartingAndClosingASharedServiceKeepItsStartsAndStopsPaired()
            throws Exception {
        var shared = new Exclusive();
        var roots = new ArrayList<Service>();
        for (int index = 0; index < THREADS; index++) {
            roots.add(service("root" + index).dependsOn(Dependencies.of(shared)));
        }
        var go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            var results = new ArrayList<Future<?>>();
            for (int thread = 0; thread < THREADS; thread++) {
                Service root = roots.get(thread);
                results.add(threads.submit(() -> {
                    go.await();
                    for (int round = 0; round < 200; round++) {
                        try (Running<?> running = Facet.start(round % 2 == 0 ? root : shared)) {
                            assertThat(shared.running()).isTrue();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        }
        assertThat(shared.running()).isFalse();
        assertThat(shared.live).hasValue(0);
        assertThat(shared.stops).hasValue(shared.starts.get());
    }

    @Test
    void noLockIsHeldWhileAHookRuns() throws Exception {
        var arrived = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var slow = service("slow").onStart(Action.pause(arrived, proceed));
        var other = service("other");
        try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
            Future<Running<?>> starting = threads.submit(() -> Facet.start(slow));
            arrived.await();

            // while slow's start() blocks: other calls go through
            assertThat(slow.running()).isFalse();
            Facet.start(other).close();
            assertThat(journal.count("other", "stopped")).isEqualTo(1);

            proceed.countDown();
            starting.get().close();
        }
    }

    @Test
    void aHookMayStartAndStopAnotherTree() throws Exception {
        var inner = service("inner");
        var outer = service("outer").onStart(self -> Facet.start(inner).close());

        Facet.start(outer).close();

        assertThat(List.of(journal.count("inner", "stopped"), journal.count("outer", "stopped")))
                .containsExactly(1, 1);
    }
}
