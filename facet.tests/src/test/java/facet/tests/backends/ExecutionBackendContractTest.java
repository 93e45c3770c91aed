package facet.tests.backends;

import static org.assertj.core.api.Assertions.assertThat;

import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the engine relies on from a backend, on each one ServiceLoader finds on the class path. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExecutionBackendContractTest {

    static Stream<ExecutionBackend> backends() {
        return ServiceLoader.load(ExecutionBackend.class).stream().map(ServiceLoader.Provider::get);
    }

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void serviceLoaderFindsBothBackendsWithTheirNamesAndPriorities() {
        assertThat(backends().map(backend -> backend.name() + "=" + backend.priority()))
                .containsExactlyInAnyOrder("virtual=200", "threads=100");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aStrandRunsOnAThreadWithTheNameGivenOfTheBackendsKind(ExecutionBackend backend)
            throws Exception {
        var thread = new AtomicReference<@Nullable Thread>();
        var name = new AtomicReference<String>("");
        var done = new CountDownLatch(1);

        backend.fork("facet-start-Database", () -> {
            thread.set(Thread.currentThread());
            name.set(Thread.currentThread().getName());
            done.countDown();
        });
        done.await();

        assertThat(name.get()).isEqualTo("facet-start-Database");
        Thread ran = java.util.Objects.requireNonNull(thread.get());
        assertThat(ran.isVirtual()).isEqualTo(backend.name().equals("virtual"));
        assertThat(ran.isDaemon()).as("never keeps the JVM alive").isTrue();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aThreadIsNamedAfterTheStrandWhileItRunsIt(ExecutionBackend backend) throws Exception {
        var name = new AtomicReference<String>("");
        var done = new CountDownLatch(1);

        backend.fork("facet-task-Poller", () -> {
            name.set(Thread.currentThread().getName());
            done.countDown();
        });
        done.await();

        assertThat(name.get()).isEqualTo("facet-task-Poller");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anInterruptReachesARunningStrand(ExecutionBackend backend) throws Exception {
        var entered = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        Strand strand = backend.fork("facet-stop-Slow", () -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException expected) {
                interrupted.countDown();
            }
        });
        entered.await();

        strand.interrupt();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aSleepOfAStrandLastsUntilItIsInterrupted(ExecutionBackend backend) throws Exception {
        var entered = new CountDownLatch(1);
        var thrown = new AtomicReference<@Nullable Throwable>();
        var statusAfter = new AtomicBoolean(true);
        var done = new CountDownLatch(1);
        Strand strand = backend.fork("facet-task-Sleeper", () -> {
            entered.countDown();
            try {
                backend.sleep(TimeUnit.HOURS.toNanos(1));
            } catch (Throwable failed) {
                thrown.set(failed);
            }
            statusAfter.set(Thread.currentThread().isInterrupted());
            done.countDown();
        });
        entered.await();

        strand.interrupt();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(statusAfter.get()).as("the interrupt status is clear").isFalse();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anInterruptAfterTheWorkReturnedNeverReachesLaterWork(ExecutionBackend backend)
            throws Exception {
        var firstThread = new AtomicReference<@Nullable Thread>();
        var firstDone = new CountDownLatch(1);
        Strand first = backend.fork("first", () -> {
            firstThread.set(Thread.currentThread());
            firstDone.countDown();
        });
        firstDone.await();
        Thread reused = java.util.Objects.requireNonNull(firstThread.get());
        first.interrupt(); // late: the work is over or ending
        if (!reused.isVirtual()) { // a pooled thread: wait until it is idle again, to reuse it
            awaitCondition("the pooled thread is idle",
                    () -> reused.getState() == Thread.State.TIMED_WAITING);
        }

        var secondThread = new AtomicReference<@Nullable Thread>();
        var interruptedAtEntry = new AtomicBoolean(true);
        var entered = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var interruptedLater = new AtomicBoolean(true);
        var secondDone = new CountDownLatch(1);
        backend.fork("second", () -> {
            secondThread.set(Thread.currentThread());
            interruptedAtEntry.set(Thread.currentThread().isInterrupted());
            entered.countDown();
            try {
                interruptedLater.set(!proceed.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException wrong) {
                interruptedLater.set(true);
            }
            secondDone.countDown();
        });
        entered.await();
        first.interrupt(); // again, while the second work runs, maybe on the same thread
        proceed.countDown();
        secondDone.await();

        if (!reused.isVirtual()) {
            assertThat(secondThread.get()).as("the idle pooled thread was reused").isSameAs(reused);
        }
        assertThat(interruptedAtEntry).isFalse();
        assertThat(interruptedLater).isFalse();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anInterruptAskedForBeforeTheWorkRunsIsNotLost(ExecutionBackend backend)
            throws Exception {
        var interrupted = new CountDownLatch(1);
        var ready = new CountDownLatch(1);
        Strand strand = backend.fork("late-start", () -> {
            try {
                ready.await();
                new CountDownLatch(1).await();
            } catch (InterruptedException expected) {
                interrupted.countDown();
            }
        });

        strand.interrupt();
        ready.countDown();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theStackTraceShowsTheWorkWhileItRunsAndNothingAfter(ExecutionBackend backend)
            throws Exception {
        var entered = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        Strand strand = backend.fork("facet-stop-Stuck", () -> parkHere(entered, proceed));
        entered.await();

        List<String> methods = Arrays.stream(strand.stackTrace())
                .map(StackTraceElement::getMethodName).toList();
        assertThat(methods).contains("parkHere");

        proceed.countDown();
        awaitCondition("an empty stack once the work returned",
                () -> strand.stackTrace().length == 0);
    }

    private static void parkHere(CountDownLatch entered, CountDownLatch proceed) {
        entered.countDown();
        try {
            proceed.await();
        } catch (InterruptedException unexpected) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aLatchOpensOnceAndReleasesEveryWaiter(ExecutionBackend backend) throws Exception {
        Latch latch = backend.newLatch();
        assertThat(latch.await(backend.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)))
                .as("the deadline passes first").isFalse();

        var released = new CountDownLatch(2);
        for (int waiter = 0; waiter < 2; waiter++) {
            backend.fork("waiter", () -> {
                try {
                    latch.await();
                    released.countDown();
                } catch (InterruptedException unexpected) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        latch.open();
        latch.open();

        assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(latch.await(backend.nanoTime())).as("open: no wait").isTrue();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anAlarmRunsOnAStrandOnceItsDeadlineIsReached(ExecutionBackend backend)
            throws Exception {
        long deadline = backend.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        var ranAt = new AtomicLong();
        var thread = new AtomicReference<String>("");
        var ran = new CountDownLatch(1);

        backend.schedule(deadline, () -> {
            ranAt.set(backend.nanoTime());
            thread.set(Thread.currentThread().getName());
            ran.countDown();
        });

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranAt.get()).isGreaterThanOrEqualTo(deadline);
        assertThat(thread.get()).isEqualTo("facet-alarm");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aCancelledAlarmNeverRuns(ExecutionBackend backend) throws Exception {
        long soon = backend.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
        var cancelledRan = new CountDownLatch(1);
        var laterRan = new CountDownLatch(1);

        backend.schedule(soon, cancelledRan::countDown).cancel();
        backend.schedule(soon + TimeUnit.MILLISECONDS.toNanos(30), laterRan::countDown);

        assertThat(laterRan.await(10, TimeUnit.SECONDS)).isTrue();
        // the cancelled one was due first: had it been forked, it would have run by now
        assertThat(cancelledRan.await(100, TimeUnit.MILLISECONDS)).isFalse();
    }
}
