package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An engine made by a test is the one {@code Facet} reaches from its own strands: a hook's
 * {@code Facet.start} starts there, and {@code Facet.sleep} and {@code Facet.clock()} use its
 * backend's time, and its futures are waited for through its backend. Off its strands, time is
 * the system's and its futures are waited for as any other.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReachedFromItsStrandsTest {

    private static final Instant ITS_TIME = Instant.parse("2030-01-01T00:00:00Z");

    /**
     * Remembers its strands' threads, the sleeps asked of it and the latches made on a watched
     * thread, and tells a time of its own.
     */
    private static final class Recording extends DelegatingBackend {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final List<Long> sleeps = new CopyOnWriteArrayList<>();
        /** The thread whose latches are counted, while a test watches one. */
        volatile @Nullable Thread watched;
        final AtomicInteger latchesOfWatched = new AtomicInteger();

        @Override
        public Strand fork(String name, Runnable body) {
            return delegate.fork(name, () -> {
                threads.add(Thread.currentThread());
                body.run();
            });
        }

        @Override
        public Instant instant() {
            return ITS_TIME;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
        }

        @Override
        public Latch newLatch() {
            if (Thread.currentThread() == watched) {
                latchesOfWatched.incrementAndGet();
            }
            return delegate.newLatch();
        }
    }

    private final Recording backend = new Recording();
    private final Engine engine = new Engine(backend);

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void aTreeAHookStartsStartsOnTheEngineThatRunsTheHook() throws Exception {
        var inner = new Service() {
            volatile @Nullable Thread startedOn;

            @Override
            public void start() {
                startedOn = Thread.currentThread();
            }
        };
        var outer = new Service() {
            @Nullable Running<?> held;

            @Override
            public void start() throws Exception {
                held = Facet.start(inner);
            }

            @Override
            public void stop() throws Exception {
                var running = held;
                if (running != null) {
                    running.close();
                }
            }
        };

        try (var running = engine.start(outer)) {
            assertThat(running.service().held).isNotNull();
            assertThat(backend.threads).contains(inner.startedOn);
            assertThat(Engine.running(inner)).isTrue();
        }
        assertThat(Engine.running(inner)).isFalse();
    }

    @Test
    void sleepAndClockUseTheBackendOfTheStrandThatCalls() throws Exception {
        var timed = new Service() {
            volatile @Nullable Instant read;

            @Override
            public void start() throws Exception {
                Facet.sleep(Duration.ofSeconds(3));
                Facet.sleep(Duration.ofSeconds(-1));
                Facet.sleep(Duration.ofDays(365L * 1_000)); // past what a long of nanos holds
                read = Facet.clock().instant();
            }
        };

        engine.start(timed).close();

        assertThat(backend.sleeps).containsExactly(3_000_000_000L, 0L, Long.MAX_VALUE);
        assertThat(timed.read).isEqualTo(ITS_TIME);
        assertThat(Facet.clock().instant()).isNotEqualTo(ITS_TIME); // this thread: the system's
    }

    @Test
    void callOnItsStrandMarksTheCallingThreadForTheCallOnly() throws Exception {
        Instant inside = engine.callOnItsStrand(() -> Facet.clock().instant());

        assertThat(inside).isEqualTo(ITS_TIME);
        assertThat(Facet.clock().instant()).isNotEqualTo(ITS_TIME);
    }

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void offItsStrandsItsFuturesAreWaitedForAsAnyOther() throws Exception {
        try (var running = engine.start(NamedService.named("db"))) {
            backend.watched = Thread.currentThread();
            try {
                assertThat(catchThrowable(() -> running.onExit().get(1, TimeUnit.MILLISECONDS)))
                        .isInstanceOf(TimeoutException.class);
                var hookHeld = engine.callOnItsStrand(() -> catchThrowable(
                        () -> running.onExit().get(1, TimeUnit.MILLISECONDS)));
                assertThat(hookHeld).isInstanceOf(TimeoutException.class);
            } finally {
                backend.watched = null;
            }
        }

        assertThat(backend.latchesOfWatched).as("only the wait on its strand used the backend")
                .hasValue(1);
    }
}
