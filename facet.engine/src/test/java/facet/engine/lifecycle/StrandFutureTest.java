package facet.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.engine.DelegatingBackend;
import facet.engine.DelegatingLatch;
import facet.engine.event.EngineListener;
import facet.engine.spi.Latch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The futures of an engine whose strands must wait through its backend: on such a strand
 * {@code get()}, {@code get(timeout)} and {@code join()} wait on a latch of the backend; anywhere
 * else, and on a future already done, they wait as any {@link CompletableFuture}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StrandFutureTest {

    private static final long NOW = 1_000;

    /** Counts its latches and their waits; its clock stands still at {@link #NOW}. */
    private static final class CountingBackend extends DelegatingBackend {
        final List<Long> deadlines = new CopyOnWriteArrayList<>();
        final CountDownLatch awaiting = new CountDownLatch(1);
        final AtomicInteger latches = new AtomicInteger();
        volatile boolean timesOut;
        volatile boolean interruptsFirstWait;

        @Override
        public long nanoTime() {
            return NOW;
        }

        @Override
        public Latch newLatch() {
            latches.incrementAndGet();
            return new DelegatingLatch(delegate.newLatch()) {
                private boolean interrupted;

                @Override
                public void await() throws InterruptedException {
                    awaiting.countDown();
                    if (interruptsFirstWait && !interrupted) {
                        interrupted = true;
                        throw new InterruptedException("first wait");
                    }
                    super.await();
                }

                @Override
                public boolean await(long deadline) throws InterruptedException {
                    deadlines.add(deadline);
                    awaiting.countDown();
                    // the deadline is on this backend's still clock: move it to the real one
                    return !timesOut && super.await(
                            CountingBackend.this.delegate.nanoTime() + deadline - NOW);
                }
            };
        }
    }

    private final CountingBackend backend = new CountingBackend();
    private final AtomicBoolean onStrand = new AtomicBoolean(true);
    private final Orchestrator orchestrator =
            new Orchestrator(backend, EngineListener.NONE, System.getLogger("facet.test"),
                    onStrand::get);

    @Test
    void anEngineNobodyAsksAboutMakesPlainFutures() {
        var plain = new Orchestrator(backend, EngineListener.NONE, System.getLogger("facet.test"),
                null);

        assertThat(plain.newFuture()).isExactlyInstanceOf(CompletableFuture.class);
        assertThat(orchestrator.newFuture()).isExactlyInstanceOf(StrandFuture.class);
    }

    @Test
    void getOnItsStrandWaitsOnALatchOfTheBackend() throws Exception {
        CompletableFuture<String> future = orchestrator.newFuture();
        var completer = completeOnceAwaited(future, "done");

        assertThat(future.get()).isEqualTo("done");

        completer.join();
        assertThat(backend.latches).hasValue(1);
    }

    @Test
    void getWithATimeoutWaitsUntilTheBackendsDeadline() throws Exception {
        CompletableFuture<String> future = orchestrator.newFuture();
        future.complete("done");
        CompletableFuture<String> pending = orchestrator.newFuture();
        backend.timesOut = true;

        assertThat(future.get(1, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(catchThrowable(() -> pending.get(5, TimeUnit.SECONDS)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("not done within 5 seconds");
        assertThat(catchThrowable(() -> pending.get(-5, TimeUnit.SECONDS)))
                .isInstanceOf(TimeoutException.class);

        assertThat(backend.deadlines).containsExactly(NOW + TimeUnit.SECONDS.toNanos(5), NOW);
    }

    @Test
    void getWithATimeoutReturnsWhatCameWithinIt() throws Exception {
        CompletableFuture<String> future = orchestrator.newFuture();
        var completer = completeOnceAwaited(future, "in time");

        assertThat(future.get(1, TimeUnit.HOURS)).isEqualTo("in time");

        completer.join();
        assertThat(backend.deadlines).containsExactly(NOW + TimeUnit.HOURS.toNanos(1));
    }

    @Test
    void anInterruptedJoinWaitsOnAndKeepsTheInterrupt() throws Exception {
        backend.interruptsFirstWait = true;
        CompletableFuture<String> future = orchestrator.newFuture();
        var completer = completeOnceAwaited(future, "joined");

        try {
            assertThat(future.join()).isEqualTo("joined");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            var unused = Thread.interrupted();
        }
        completer.join();
    }

    @Test
    void anUninterruptedJoinLeavesNoInterrupt() {
        CompletableFuture<String> future = orchestrator.newFuture();
        var completer = completeOnceAwaited(future, "joined");

        assertThat(future.join()).isEqualTo("joined");

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        completer.join();
        assertThat(backend.latches).hasValue(1);
    }

    @Test
    void offItsStrandOrWhenDoneNoLatchIsMade() throws Exception {
        CompletableFuture<String> done = orchestrator.newFuture();
        done.complete("done");
        assertThat(done.get()).isEqualTo("done");
        assertThat(done.get(1, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(done.join()).isEqualTo("done");

        onStrand.set(false);
        CompletableFuture<String> elsewhere = orchestrator.newFuture();
        var completer = CompletableFuture.runAsync(() -> elsewhere.complete("plain"));
        assertThat(elsewhere.get()).isEqualTo("plain");
        completer.join();

        assertThat(backend.latches).hasValue(0);
    }

    @Test
    void theFuturesThatDependOnItWaitThroughTheBackendToo() throws Exception {
        CompletableFuture<String> future = orchestrator.newFuture();
        CompletableFuture<Integer> length = future.thenApply(String::length);
        var completer = completeOnceAwaited(future, "four");

        assertThat(length).isExactlyInstanceOf(StrandFuture.class);
        assertThat(length.get()).isEqualTo(4);
        completer.join();
        assertThat(backend.latches).hasValue(1);
    }

    /** Completes {@code future} from another thread once a latch of the backend is awaited. */
    private CompletableFuture<Void> completeOnceAwaited(CompletableFuture<String> future,
            String value) {
        return CompletableFuture.runAsync(() -> {
            try {
                backend.awaiting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            future.complete(value);
        });
    }
}
