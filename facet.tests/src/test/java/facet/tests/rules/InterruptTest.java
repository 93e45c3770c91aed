package facet.tests.rules;

import static facet.tests.rules.Suppressed.failuresUnder;
import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Task;
import facet.testkit.Action;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R12: interrupting a thread blocked in Facet.start, run or await stops what it started and
 * throws InterruptedException, the interrupt status kept.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InterruptTest extends Graphs {

    /** What the interrupted thread saw. */
    private static final class Outcome {
        final AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
        final AtomicBoolean interruptStatus = new AtomicBoolean();
    }

    private static Thread caller(Outcome outcome, Task call) {
        var thread = new Thread(() -> {
            try {
                call.run();
            } catch (Throwable failed) {
                outcome.thrown.set(failed);
            }
            outcome.interruptStatus.set(Thread.currentThread().isInterrupted());
        }, "caller");
        thread.start();
        return thread;
    }

    @Test
    void interruptingFacetStartStopsWhatItStarted() throws Exception {
        var entered = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var b = service("b");
        var slow = service("slow").onStart(Action.pause(entered, never));
        var root = service("root").dependsOn(Dependencies.of(b, slow));
        var outcome = new Outcome();

        Thread thread = caller(outcome, () -> Facet.start(root));
        entered.await();
        thread.interrupt();
        thread.join();

        assertThat(outcome.thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(outcome.interruptStatus).isTrue();
        assertThat(linesOf("b")).containsExactly("start", "started", "stop", "stopped");
        assertThat(linesOf("slow")).containsExactly("start", "start failed");
        assertThat(linesOf("root")).isEmpty();
        assertThat(b.running() || slow.running() || root.running()).isFalse();
    }

    /**
     * b's stop gives the caller a moment to return too early (the caller records "returned"):
     * it must not, run() returns only once everything is stopped.
     */
    private void stopSlowlyEnoughToCatchAnEarlyReturn(facet.testkit.ScriptedService b) {
        b.onStop(self -> {
            try {
                journal.await("caller", "returned", Duration.ofMillis(300));
            } catch (java.util.concurrent.TimeoutException expected) {
                // the caller is still waiting for this stop, as it should be
            }
        });
    }

    @Test
    void interruptingRunWhileItWaitsStopsTheTreeBeforeItReturns() throws Exception {
        var b = service("b");
        stopSlowlyEnoughToCatchAnEarlyReturn(b);
        var root = service("root").dependsOn(Dependencies.of(b));
        var outcome = new Outcome();

        Thread thread = caller(outcome, () -> {
            try {
                root.run();
            } finally {
                journal.record("caller", "returned");
            }
        });
        awaitBlockedInAwait(thread);
        thread.interrupt();
        thread.join();

        assertThat(outcome.thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(outcome.interruptStatus).isTrue();
        assertThat(journal.lines()).endsWith("root stop", "root stopped", "b stop", "b stopped",
                "caller returned");
    }

    @Test
    void closeAfterAnInterruptedAwaitStillWaitsForTheStop() throws Exception {
        var b = service("b");
        stopSlowlyEnoughToCatchAnEarlyReturn(b);
        var root = service("root").dependsOn(Dependencies.of(b));
        var outcome = new Outcome();

        Thread thread = caller(outcome, () -> {
            try (var running = Facet.start(root)) {
                journal.record("caller", "awaits");
                running.await(); // interrupted: throws, status kept, then close() runs
            } finally {
                journal.record("caller", "returned");
            }
        });
        journal.await("caller", "awaits", Duration.ofSeconds(10));
        thread.interrupt(); // lands in await(), or before it: await() throws either way
        thread.join();

        assertThat(outcome.thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(outcome.interruptStatus).isTrue();
        assertThat(journal.lines()).endsWith("b stop", "b stopped", "caller returned");
    }

    @Test
    void interruptingAwaitThrowsAndLeavesTheTreeToItsHolder() throws Exception {
        var root = service("root");
        try (var running = Facet.start(root)) {
            var outcome = new Outcome();
            var waiting = new CountDownLatch(1);
            Thread thread = caller(outcome, () -> {
                waiting.countDown();
                running.await();
            });
            waiting.await();
            thread.interrupt();
            thread.join();

            assertThat(outcome.thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(outcome.interruptStatus).isTrue();
            assertThat(root.running()).isTrue();
        }
    }

    @Test
    void cancellingStartAsyncStopsWhatItStarted() throws Exception {
        var entered = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var b = service("b");
        var slow = service("slow").onStart(Action.pause(entered, never));
        var root = service("root").dependsOn(Dependencies.of(b, slow));

        var future = Facet.startAsync(root);
        entered.await();
        assertThat(future.cancel(true)).isTrue();

        journal.await("b", "stopped", Duration.ofSeconds(10));
        journal.await("slow", "start failed", Duration.ofSeconds(10));
        assertThat(future).isCancelled();
        assertThat(linesOf("root")).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(future::join))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void startAsyncCompletesOnceTheTreeRuns() throws Exception {
        var b = service("b");
        var root = service("root").dependsOn(Dependencies.of(b));

        try (var running = Facet.startAsync(root).get(10, TimeUnit.SECONDS)) {
            assertThat(running.service()).isSameAs(root);
            assertThat(root.running()).isTrue();
        }
        assertThat(linesOf("b")).endsWith("stop", "stopped");
    }

    @Test
    void aSecondInterruptWhileTheStartRollsBackEndsTheWait() throws Exception {
        var entered = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var stopping = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var b = service("b").onStop(Action.pause(stopping, proceed));
        var slow = service("slow").onStart(Action.pause(entered, never));
        var root = service("root").dependsOn(Dependencies.of(b, slow));
        var outcome = new Outcome();

        Thread thread = caller(outcome, () -> Facet.start(root));
        entered.await();
        thread.interrupt(); // the start is abandoned: b stops, slowly
        stopping.await();
        thread.interrupt(); // the caller stops waiting for that
        thread.join();

        assertThat(outcome.thrown.get()).isInstanceOfSatisfying(InterruptedException.class,
                thrown -> assertThat(failuresUnder(thrown)).singleElement()
                        .isInstanceOf(InterruptedException.class));
        assertThat(outcome.interruptStatus).isTrue();
        proceed.countDown();
        journal.await("b", "stopped", Duration.ofSeconds(10)); // the rollback went on
    }

    @Test
    void anInterruptDuringTheRollbackOfAFailedStartKeepsThatFailure() throws Exception {
        var failure = new IOException("root failed");
        var stopping = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var b = service("b").onStop(Action.pause(stopping, proceed));
        var root = service("root").dependsOn(Dependencies.of(b)).onStart(Action.fail(failure));
        var outcome = new Outcome();

        Thread thread = caller(outcome, () -> Facet.start(root));
        stopping.await(); // root failed; its rollback stops b
        thread.interrupt();
        proceed.countDown();
        thread.join();

        assertThat(outcome.thrown.get()).isInstanceOfSatisfying(InterruptedException.class,
                thrown -> assertThat(failuresUnder(thrown)).containsExactly(failure));
        assertThat(outcome.interruptStatus).isTrue();
        assertThat(linesOf("b")).endsWith("stop", "stopped");
    }

    @Test
    void aCloseInterruptedBeforeTheStopFailsLeavesThatFailureToTheLog() throws Exception {
        var failure = new IOException("stop failed late");
        var stopping = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var root = service("root").onStop(self -> {
            Action.pause(stopping, proceed).run(self);
            throw failure;
        });
        var running = Facet.start(root);
        var outcome = new Outcome();
        try (var logs = new CapturedLogs()) {
            Thread thread = caller(outcome, running::close);
            stopping.await();
            thread.interrupt();
            thread.join();
            assertThat(outcome.thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(outcome.interruptStatus).isTrue();

            proceed.countDown();

            assertThat(logs.awaitThrown(failure))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING, "stop of root after its caller left");
        }
    }

    @Test
    void aHookThatReturnsWithItsInterruptStatusSetDoesNotPassItToTheNextHook()
            throws Exception {
        var sawInterrupt = new AtomicBoolean(true);
        var first = service("first").onStart(self -> Thread.currentThread().interrupt());
        var root = service("root").dependsOn(Dependencies.of(first))
                .onStart(self -> sawInterrupt.set(Thread.currentThread().isInterrupted()));

        Facet.start(root).close();

        assertThat(sawInterrupt).isFalse();
    }

    @Test
    void runThatEndsByACrashLeavesTheCallersInterruptStatusClear() throws Exception {
        var crash = new IOException("crashed");
        var root = service("root").onStart(self -> self.addScriptedTask(Action.fail(crash)));

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(root::run);

        assertThat(thrown).isSameAs(crash);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void theRollbackOfACancelledStartIsLoggedWithItsFailures() throws Exception {
        var failure = new IOException("b stop failed");
        var entered = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var b = service("b").onStop(Action.fail(failure));
        var slow = service("slow").onStart(Action.pause(entered, never));
        var root = service("root").dependsOn(Dependencies.of(b, slow));
        try (var logs = new CapturedLogs()) {
            var future = Facet.startAsync(root);
            entered.await();
            assertThat(future.cancel(true)).isTrue();

            assertThat(logs.awaitThrown(failure))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING,
                            "rollback of the start of root, given up by its caller");
        }
    }

    @Test
    void completingStartAsyncsFutureExceptionallyAbandonsTheStartAsOrTimeoutDoes()
            throws Exception {
        var entered = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var b = service("b");
        var slow = service("slow").onStart(Action.pause(entered, never));
        var root = service("root").dependsOn(Dependencies.of(b, slow));
        var gaveUp = new TimeoutException("not running in time");

        var future = Facet.startAsync(root);
        entered.await();
        assertThat(future.completeExceptionally(gaveUp)).isTrue(); // what orTimeout does

        journal.await("b", "stopped", Duration.ofSeconds(10));
        journal.await("slow", "start failed", Duration.ofSeconds(10));
        assertThat(linesOf("root")).isEmpty();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(future::join))
                .hasCause(gaveUp);
    }

    @Test
    void aTreeThatRunsAfterItsCallerCompletedTheFutureIsStoppedAgainAndItsFailureLogged()
            throws Exception {
        var entered = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var failure = new IOException("root cannot stop");
        var root = service("root").onStart(Action.pause(entered, proceed))
                .onStop(Action.fail(failure));
        try (var logs = new CapturedLogs()) {
            var future = Facet.startAsync(root);
            entered.await();
            assertThat(future.complete(null)).isTrue(); // nobody will close what it would give
            proceed.countDown();

            assertThat(logs.awaitThrown(failure))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING, "stop of root");
            assertThat(linesOf("root")).containsExactly("start", "started", "stop", "stop failed");
        }
    }
}
