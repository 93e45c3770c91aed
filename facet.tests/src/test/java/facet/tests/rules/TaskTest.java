package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import facet.testkit.Action;
import facet.testkit.ScriptedService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R6: tasks run on the backend, owned by their service; a failing task crashes every root that
 * depends on it (or fails a start in progress); on stop, tasks are interrupted and awaited after
 * stop() returns, before the dependencies stop.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TaskTest extends Graphs {

    @Test
    void aTaskRunsInTheBackgroundOnAThreadNamedAfterItsService() throws Exception {
        var root = service("root");
        root.onStart(self -> {
            self.addScriptedTask(task -> journal.await("root", "started", Duration.ofSeconds(10)));
        });

        try (var running = Facet.start(root)) {
            journal.await("root", "task done", Duration.ofSeconds(10));
        }

        assertThat(at("root", "task done")).isGreaterThan(at("root", "started"));
        var task = journal.entries().get(at("root", "task"));
        assertThat(task.thread()).isEqualTo("facet-task-root");
    }

    @Test
    void aTaskReturnsItsResultThroughItsFuture() throws Exception {
        var root = service("root");
        try (var running = Facet.start(root)) {
            Future<String> future = root.addTask(() -> "result");
            assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo("result");
            assertThat(future.isDone()).isTrue();
            assertThat(future.isCancelled()).isFalse();
        }
    }

    @Test
    void aFailedTasksFutureThrowsItsException() throws Exception {
        var failure = new IOException("task failed");
        var root = service("root");
        try (var running = Facet.start(root)) {
            Future<?> future = root.addTask(() -> {
                throw failure;
            });
            assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(failure);
            assertThatThrownBy(running::await).isSameAs(failure);
        }
    }

    @Test
    void aCrashReachesEveryRootThatDependsOnTheServiceAndNoOther() throws Exception {
        var crash = new IOException("crash");
        var release = new CountDownLatch(1);
        var shared = service("shared").onStart(addsATaskThatThrowsOnRelease(release, crash));
        var direct = service("direct").dependsOn(Dependencies.of(shared));
        var middle = service("middle").dependsOn(Dependencies.of(shared));
        var indirect = service("indirect").dependsOn(Dependencies.of(middle));
        var unrelated = service("unrelated");
        var handles = new ArrayList<facet.api.Running<?>>();
        try {
            var directRunning = Facet.start(direct);
            handles.add(directRunning);
            var indirectRunning = Facet.start(indirect);
            handles.add(indirectRunning);
            var unrelatedRunning = Facet.start(unrelated);
            handles.add(unrelatedRunning);

            release.countDown();

            assertThat(catchThrowable(directRunning::await)).isSameAs(crash);
            assertThat(catchThrowable(indirectRunning::await)).isSameAs(crash);
            assertThat(catchThrowable(shared::await)).isSameAs(crash);
            assertThat(directRunning.onExit()).isCompletedExceptionally();
            assertThat(catchThrowable(() -> indirectRunning.onExit().join()))
                    .cause().isSameAs(crash);
            assertThat(unrelatedRunning.onExit()).isNotDone();
            assertThat(unrelated.running()).isTrue();
        } finally {
            for (var handle : handles) {
                handle.close();
            }
        }
        assertThat(linesOf("shared")).endsWith("stop", "stopped");
    }

    @Test
    void onExitTakenBeforeACrashCompletesWithTheCrash() throws Exception {
        var crash = new IOException("crash after onExit()");
        var release = new CountDownLatch(1);
        var root = service("root").onStart(addsATaskThatThrowsOnRelease(release, crash));
        var running = Facet.start(root);
        try {
            CompletableFuture<Void> exit = running.onExit();
            assertThat(exit).isNotDone();

            release.countDown();

            assertThat(exit).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isSameAs(crash);
        } finally {
            // onExit() threw nothing: the crash is close()'s to throw (no await() threw it)
            assertThat(catchThrowable(running::close)).isSameAs(crash);
        }
    }

    @Test
    void aCrashIsLoggedOnceAtError() throws Exception {
        var crash = new IOException("logged crash");
        List<LogRecord> errors;
        try (var logs = new CapturedLogs()) {
            var b = service("b").onStart(self -> self.addScriptedTask(Action.fail(crash)));
            var a = service("a").dependsOn(Dependencies.of(b));
            assertThat(catchThrowable(a::run)).isSameAs(crash);
            errors = logs.at(Level.SEVERE);
        }
        assertThat(errors).singleElement()
                .satisfies(record -> assertThat(record.getThrown()).isSameAs(crash));
    }

    /**
     * A log handler that holds the record of {@code crash} until the call under test has ended
     * (or a second has passed), and says whether it ended while the record was held: a call that
     * hands the crash on must find it logged first (R6), and this makes the race certain.
     */
    private static final class HoldsTheCrashRecord extends Handler implements AutoCloseable {
        private final Throwable crash;
        private final Logger logger = Logger.getLogger("facet");
        final CountDownLatch logBegun = new CountDownLatch(1);
        private final CountDownLatch callEnded = new CountDownLatch(1);
        private final CountDownLatch logEnded = new CountDownLatch(1);
        private final AtomicBoolean endedWhileLogging = new AtomicBoolean();

        HoldsTheCrashRecord(Throwable crash) {
            this.crash = crash;
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (!crash.equals(record.getThrown())) {
                return;
            }
            logBegun.countDown();
            try {
                endedWhileLogging.set(callEnded.await(1, TimeUnit.SECONDS));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                logEnded.countDown();
            }
        }

        /** Lets the task throw, and waits until its crash is being logged. */
        void crashNow(CountDownLatch release) throws InterruptedException {
            release.countDown();
            logBegun.await();
        }

        /** The call under test ended: whether it did while the record was held. */
        boolean callEndedWhileLogging() throws InterruptedException {
            callEnded.countDown();
            assertThat(logEnded.await(10, TimeUnit.SECONDS)).as("the crash was logged").isTrue();
            return endedWhileLogging.get();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    /**
     * The crash that fails a start is logged before the start throws it: b's start() returns
     * while the record is being logged, and its return used to wake the caller of the start,
     * whose throw then came before the log (a race CI once lost).
     */
    @Test
    void aCrashThatFailsAStartIsLoggedBeforeTheStartThrows() throws Exception {
        var crash = new IOException("crash logged before the start throws");
        try (var log = new HoldsTheCrashRecord(crash)) {
            var b = service("b").onStart(self -> {
                self.addScriptedTask(Action.fail(crash));
                log.logBegun.await(); // the crash is being logged: return meanwhile
            });
            var a = service("a").dependsOn(Dependencies.of(b));

            Throwable thrown = catchThrowable(() -> Facet.start(a));

            assertThat(log.callEndedWhileLogging())
                    .as("the start threw while its crash was being logged").isFalse();
            assertThat(thrown).isSameAs(crash);
        }
    }

    /**
     * A crash decided before {@code await()} is called (its task failed, its record is still
     * being logged on the task's thread) is thrown by {@code await()} only once logged: it used to
     * be thrown at once ({@code aCrashIsLoggedOnceAtError} caught that once, on the threads
     * backend, through {@code run()}).
     */
    @Test
    void aCrashDecidedBeforeAwaitIsLoggedBeforeAwaitThrowsIt() throws Exception {
        var crash = new IOException("crash logged before await() throws");
        var release = new CountDownLatch(1);
        try (var log = new HoldsTheCrashRecord(crash)) {
            var a = overATaskThatThrowsOnRelease(release, crash);
            try (var running = Facet.start(a)) {
                log.crashNow(release);

                Throwable thrown = catchThrowable(running::await);

                assertThat(log.callEndedWhileLogging())
                        .as("await() threw while its crash was being logged").isFalse();
                assertThat(thrown).isSameAs(crash);
            }
        }
    }

    /** As for {@code await()}: {@code onExit()} hands on such a crash only once logged. */
    @Test
    void aCrashDecidedBeforeOnExitIsLoggedBeforeOnExitReturns() throws Exception {
        var crash = new IOException("crash logged before onExit() returns");
        var release = new CountDownLatch(1);
        try (var log = new HoldsTheCrashRecord(crash)) {
            var a = overATaskThatThrowsOnRelease(release, crash);
            var running = Facet.start(a);
            log.crashNow(release);

            CompletableFuture<Void> exit = running.onExit();

            assertThat(log.callEndedWhileLogging())
                    .as("onExit() returned while its crash was being logged").isFalse();
            assertThat(exit).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class).havingCause().isSameAs(crash);
            assertThat(catchThrowable(running::close)).isSameAs(crash);
        }
    }

    /**
     * As for {@code await()}: a {@code close()} that throws such a crash (it is not the last
     * hold, so it stops nothing) throws it only once logged.
     */
    @Test
    void aCrashDecidedBeforeCloseIsLoggedBeforeCloseThrowsIt() throws Exception {
        var crash = new IOException("crash logged before close() throws");
        var release = new CountDownLatch(1);
        try (var log = new HoldsTheCrashRecord(crash)) {
            var a = overATaskThatThrowsOnRelease(release, crash);
            var last = Facet.start(a);
            var first = Facet.start(a);
            log.crashNow(release);

            Throwable thrown = catchThrowable(first::close);

            assertThat(log.callEndedWhileLogging())
                    .as("close() threw while its crash was being logged").isFalse();
            assertThat(thrown).isSameAs(crash);
            assertThat(catchThrowable(last::close)).as("the crash is thrown once").isNull();
        }
    }

    /**
     * As for {@code await()}: the last hold's {@code close()}, which stops its root and then
     * throws the crash. Its stop does not wait for the failed task (the task's service stays, for
     * another root); today the root's stop hook runs on the failed task's worker, after the log,
     * which orders them too, so this test guards the outcome, not the wait in the close alone.
     */
    @Test
    void aCrashDecidedBeforeTheLastCloseIsLoggedBeforeItThrows() throws Exception {
        var crash = new IOException("crash logged before the last close() throws");
        var release = new CountDownLatch(1);
        try (var log = new HoldsTheCrashRecord(crash)) {
            var b = service("b").onStart(addsATaskThatThrowsOnRelease(release, crash));
            var other = Facet.start(service("c").dependsOn(Dependencies.of(b)));
            var running = Facet.start(service("a").dependsOn(Dependencies.of(b)));
            log.crashNow(release);

            Throwable thrown = catchThrowable(running::close);

            assertThat(log.callEndedWhileLogging())
                    .as("close() threw while its crash was being logged").isFalse();
            assertThat(thrown).isSameAs(crash);
            assertThat(catchThrowable(other::close)).as("the crash is thrown once").isNull();
        }
    }

    /**
     * An interrupt ends the wait for a crash's log (a log handler may hang): {@code await()}
     * throws the interrupt (R12), not the crash, which is not logged yet (R6); the crash is left
     * to the {@code close()} that follows, which throws it once logged. It used to end the wait
     * and throw the crash unlogged.
     */
    @Test
    void anAwaitInterruptedWhileItsCrashIsLoggedThrowsTheInterrupt() throws Exception {
        var crash = new IOException("crash being logged as await() is interrupted");
        var release = new CountDownLatch(1);
        try (var log = new HoldsTheCrashRecord(crash)) {
            var a = overATaskThatThrowsOnRelease(release, crash);
            var running = Facet.start(a);
            log.crashNow(release);

            Thread.currentThread().interrupt(); // the wait for the log is the first to see it
            Throwable thrown = catchThrowable(running::await);
            boolean kept = Thread.interrupted();

            assertThat(log.callEndedWhileLogging()).as("await() waited for no log").isTrue();
            assertThat(thrown).isInstanceOf(InterruptedException.class);
            assertThat(kept).as("the interrupt status is kept").isTrue();
            assertThat(catchThrowable(running::close)).isSameAs(crash);
        }
    }

    @Test
    void aCrashWhileTheTreeIsStartingFailsTheStart() throws Exception {
        var crash = new IOException("crash during start");
        // b's task crashes once slow's start is under way, and slow waits to be interrupted
        var b = service("b").onStart(self -> self.addScriptedTask(task -> {
            journal.await("slow", "start", Duration.ofSeconds(10));
            throw crash;
        }));
        var slow = service("slow").onStart(Action.hangInterruptibly());
        var root = service("root").dependsOn(Dependencies.of(b, slow));

        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(crash);

        assertThat(linesOf("slow")).containsExactly("start", "start failed");
        assertThat(linesOf("b")).contains("stop", "stopped");
        assertThat(linesOf("root")).isEmpty();
    }

    @Test
    void aStartThatReturnsAfterTheCrashUnderItInterruptedItIsStopped() throws Exception {
        var crash = new IOException("crash under a start");
        // b's task crashes once slow's start is under way; slow, interrupted, returns normally
        var b = service("b").onStart(self -> self.addScriptedTask(task -> {
            journal.await("slow", "start", Duration.ofSeconds(10));
            throw crash;
        }));
        var slow = service("slow").dependsOn(Dependencies.of(b)).onStart(self -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException expected) {
                // a start() may swallow its interrupt: it returned, so its stop() must run
            }
        });

        assertThat(catchThrowable(() -> Facet.start(slow))).isSameAs(crash);

        assertThat(linesOf("slow")).containsExactly("start", "started", "stop", "stopped");
        assertThat(linesOf("b")).endsWith("stop", "stopped");
        assertThat(at("b", "stop")).as("R2: slow stops first").isGreaterThan(at("slow", "stopped"));
    }

    @Test
    void startingOnAStackThatCrashedFailsWithTheCrash() throws Exception {
        var crash = new IOException("crashed earlier");
        // crash once Facet.start(first) has returned: first's start() returning is not enough,
        // the engine may hear of the crash before it hears that start() returned
        var firstRuns = new CountDownLatch(1);
        var shared = service("shared").onStart(self -> self.addScriptedTask(task -> {
            firstRuns.await();
            throw crash;
        }));
        var first = service("first").dependsOn(Dependencies.of(shared));
        var late = service("late").dependsOn(Dependencies.of(shared));

        try (var running = Facet.start(first)) {
            firstRuns.countDown();
            assertThat(catchThrowable(running::await)).isSameAs(crash);

            assertThat(catchThrowable(() -> Facet.start(late))).isSameAs(crash);
            assertThat(linesOf("late")).isEmpty();
            assertThat(shared.running()).as("still held by first").isTrue();
        }
        assertThat(linesOf("shared")).endsWith("stop", "stopped");
    }

    @Test
    void aCrashInTheServicesOwnStartFailsItsStart() throws Exception {
        var crash = new IOException("crash in own start");
        var root = service("root").onStart(self -> {
            self.addTask(() -> {
                throw crash;
            });
            new CountDownLatch(1).await(); // interrupted by the failed start
        });

        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(crash);
        assertThat(linesOf("root")).containsExactly("start", "start failed");
    }

    @Test
    void onStopTasksAreInterruptedAfterStopReturnsAndBeforeDependenciesStop() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b))
                .onStart(self -> self.addScriptedTask(Action.hangInterruptibly()));

        try (var running = Facet.start(a)) {
            journal.await("a", "task", Duration.ofSeconds(10));
        }

        assertThat(at("a", "task interrupted")).isGreaterThan(at("a", "stopped"));
        assertThat(at("b", "stop")).isGreaterThan(at("a", "task interrupted"));
    }

    @Test
    void aCancelledTaskDoesNotCrashTheStack() throws Exception {
        var root = service("root");
        var running = Facet.start(root);
        Future<String> quick = root.addTask(() -> "done");
        Future<?> hanging = root.addTask(() -> {
            new CountDownLatch(1).await();
            return null;
        });

        assertThat(hanging.cancel(true)).isTrue();
        assertThatThrownBy(hanging::get).isInstanceOf(CancellationException.class);
        assertThat(hanging.isCancelled()).isTrue();
        assertThat(quick.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        running.close();
        running.await(); // stopped, not crashed
        assertThat(running.onExit()).isCompleted();
    }

    @Test
    void aTimedGetGivesUpWhileTheTaskRunsAndACancelTakesEffectOnce() throws Exception {
        var root = service("root");
        try (var running = Facet.start(root)) {
            Future<?> hanging = root.addTask(() -> {
                new CountDownLatch(1).await();
                return null;
            });

            assertThatThrownBy(() -> hanging.get(1, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("root");
            assertThat(hanging.isDone()).isFalse();
            assertThat(hanging.cancel(true)).isTrue();
            assertThat(hanging.cancel(true)).as("a second cancel").isFalse();
            assertThat(hanging.isDone()).isTrue();
            assertThatThrownBy(() -> hanging.get(Long.MAX_VALUE, TimeUnit.NANOSECONDS))
                    .isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void aCancelThatMayNotInterruptLetsTheRunningTaskFinishUninterrupted() throws Exception {
        var root = service("root");
        var started = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var interrupted = new CompletableFuture<Boolean>();
        try (var running = Facet.start(root)) {
            Future<?> task = root.addTask(() -> {
                started.countDown();
                try {
                    proceed.await();
                    interrupted.complete(Thread.currentThread().isInterrupted());
                } catch (InterruptedException e) {
                    interrupted.complete(true);
                }
                return null;
            });
            started.await();

            assertThat(task.cancel(false)).isTrue();
            assertThat(task.isCancelled()).isTrue();
            proceed.countDown();

            assertThat(interrupted.get(10, TimeUnit.SECONDS)).as("interrupted").isFalse();
        }
    }

    @Test
    void aGetWithTheLongestTimeoutWaitsForTheResult() throws Exception {
        var root = service("root");
        var go = new CountDownLatch(1);
        try (var running = Facet.start(root)) {
            Future<String> later = root.addTask(() -> {
                go.await();
                return "later";
            });
            root.addTask(() -> {
                go.countDown();
                return null;
            });

            // the deadline saturates instead of overflowing into the past
            assertThat(later.get(Long.MAX_VALUE, TimeUnit.NANOSECONDS)).isEqualTo("later");
        }
    }

    /** The outcome of {@code get} called on a thread of its own, and that thread. */
    private record Waiter<T>(Thread thread, CompletableFuture<T> got) {

        static <T> Waiter<T> calling(Callable<T> get) {
            var got = new CompletableFuture<T>();
            Thread thread = Thread.ofPlatform().daemon().name("waiter").start(() -> {
                try {
                    got.complete(get.call());
                } catch (Exception failed) {
                    got.completeExceptionally(failed);
                }
            });
            return new Waiter<>(thread, got);
        }

        /**
         * get() gives no sign that it has begun to wait, so look at the waiter's state: the
         * only wait on its way is the future's.
         */
        Waiter<T> waiting() {
            pollUntil(() -> thread.getState() == Thread.State.WAITING
                    || thread.getState() == Thread.State.TIMED_WAITING,
                    "the waiter never began to wait");
            return this;
        }
    }

    @Test
    void aGetThatWaitsIsWokenByTheTasksResult() throws Exception {
        var root = service("root");
        var release = new CountDownLatch(1);
        try (var running = Facet.start(root)) {
            Future<String> late = root.addTask(() -> {
                release.await();
                return "late";
            });
            var timed = Waiter.calling(() -> late.get(20, TimeUnit.SECONDS)).waiting();
            var untimed = Waiter.calling(late::get).waiting();

            release.countDown();

            assertThat(timed.got().get(10, TimeUnit.SECONDS)).isEqualTo("late");
            assertThat(untimed.got().get(10, TimeUnit.SECONDS)).isEqualTo("late");
            assertThat(late.toString()).startsWith("task of root ");
        }
    }

    @Test
    void aGetThatWaitsIsWokenByACancelThatInterruptsTheTask() throws Exception {
        var root = service("root");
        var interrupted = new CountDownLatch(1);
        try (var running = Facet.start(root)) {
            Future<?> hanging = root.addTask(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException expected) {
                    interrupted.countDown();
                    throw expected;
                }
                return null;
            });
            var waiter = Waiter.calling(() -> hanging.get(20, TimeUnit.SECONDS)).waiting();

            assertThat(hanging.cancel(true)).isTrue();

            assertThatThrownBy(() -> waiter.got().get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(CancellationException.class);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("task interrupted").isTrue();
        }
    }

    @Test
    void aGetThatWaitsIsWokenByACancellationWhenTheServiceStops() throws Exception {
        var root = service("root");
        var running = Facet.start(root);
        Future<?> hanging = root.addTask(() -> {
            new CountDownLatch(1).await();
            return null;
        });
        var waiter = Waiter.calling(() -> hanging.get(20, TimeUnit.SECONDS)).waiting();

        running.close();

        assertThatThrownBy(() -> waiter.got().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(CancellationException.class).hasMessageContaining("root");
        assertThat(hanging.isCancelled()).isTrue();
    }

    @Test
    void aTaskCancelledByItsCallerThatThenFailsCrashesNothing() throws Exception {
        var root = service("root");
        var started = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        try (var logs = CapturedLogs.withDebug(); var running = Facet.start(root)) {
            Future<?> task = root.addTask(() -> {
                started.countDown();
                proceed.await();
                throw new IOException("failed after its cancel");
            });
            started.await();
            assertThat(task.cancel(false)).isTrue();
            proceed.countDown();

            logs.await(record -> record.getMessage().equals("root: a task ended with a failure"
                    + " after it was cancelled")
                    && String.valueOf(record.getThrown()).equals(
                            "java.io.IOException: failed after its cancel"),
                    Duration.ofSeconds(10));
            assertThat(root.running()).isTrue();
            assertThat(running.onExit()).isNotDone();
        }
    }

    @Test
    void aTaskThatFailsOfItselfWhenTheStopInterruptsItFailsTheClose() throws Exception {
        var root = service("root");
        var started = new CountDownLatch(1);
        var cleanupFailed = new IOException("cleanup failed");
        var running = Facet.start(root);
        root.addTask(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException stopping) {
                throw cleanupFailed;
            }
            return null;
        });
        started.await();

        assertThat(catchThrowable(running::close)).isSameAs(cleanupFailed);
        assertThat(root.running()).isFalse();
    }

    @Test
    void addTaskOnAServiceThatIsNotStartingOrRunningThrows() throws Exception {
        var root = service("root");
        var stopping = new ArrayList<Throwable>();
        root.onStop(self -> stopping.add(catchThrowable(() -> self.addTask(() -> 1))));

        assertThatThrownBy(() -> root.addTask(() -> 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("root");
        Facet.start(root).close();
        assertThatThrownBy(() -> root.addTask(() -> 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("root");
        assertThat(stopping).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addTaskFromAStartWhoseCallerGaveUpThrows() throws Exception {
        var entered = new CountDownLatch(1);
        var added = new CompletableFuture<Throwable>();
        var root = service("root").onStart(self -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException cutShort) {
                // the caller gave up: nothing will own a task of this start any more
                added.complete(catchThrowable(() -> self.addTask(() -> 1)));
            }
        });
        var call = Facet.startAsync(root);
        entered.await();

        assertThat(call.cancel(true)).isTrue();

        assertThat(added.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("root");
    }

    @Test
    void aTaskAddedDuringStartRunsWhileTheTreeStarts() throws Exception {
        var taskRan = new CountDownLatch(1);
        var b = service("b").onStart(self -> self.addTask(() -> {
            taskRan.countDown();
            return null;
        }));
        // a's start waits for b's task: the task runs while the tree is still starting
        Service a = service("a").dependsOn(Dependencies.of(b))
                .onStart(self -> assertThat(taskRan.await(10, TimeUnit.SECONDS)).isTrue());

        Facet.start(a).close();

        assertThat(journal.count("a", "started")).isEqualTo(1);
    }

    /** a, over b, whose start adds a task that throws {@code crash} once {@code release} opens. */
    private ScriptedService overATaskThatThrowsOnRelease(CountDownLatch release, Exception crash) {
        var b = service("b").onStart(addsATaskThatThrowsOnRelease(release, crash));
        return service("a").dependsOn(Dependencies.of(b));
    }

    /** A start() that adds a task which throws {@code crash} once {@code release} opens. */
    private static Action addsATaskThatThrowsOnRelease(CountDownLatch release, Exception crash) {
        return self -> self.addScriptedTask(task -> {
            release.await();
            throw crash;
        });
    }
}
