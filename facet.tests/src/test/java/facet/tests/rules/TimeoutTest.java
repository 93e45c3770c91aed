package facet.tests.rules;

import static facet.tests.rules.Suppressed.failuresUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.ShutdownTimeoutException;
import facet.testkit.Action;
import facet.testkit.ScriptedService;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R7: the graceful shutdown timeout bounds the whole stop; past it the stuck code is
 * interrupted, the caller stops waiting and gets a ShutdownTimeoutException naming what was
 * stuck, with its stack trace. No call hangs because a hook ignores interrupts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimeoutTest extends Graphs {

    private static final Duration SHORT = Duration.ofMillis(200);

    /** Lets every hook that ignores interrupts end, so no thread outlives its test. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseStuckThreads() {
        release.countDown();
    }

    private static boolean isStuckIn(Throwable stuck, String method) {
        return Arrays.stream(stuck.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(ScriptedService.class.getName())
                        && frame.getMethodName().equals(method));
    }

    /** Ignores interrupts until the test lets it go, then throws {@code late}. */
    private Action hangThenFail(Exception late) {
        return self -> {
            Action.hangIgnoringInterrupts(release).run(self);
            throw late;
        };
    }

    @ParameterizedTest
    @CsvSource({"200, 200ms", "1000, 1s"})
    void theTimeoutIsNamedAsAPersonReadsIt(long millis, String text) throws Exception {
        var stuck = service("stuck").timeout(Duration.ofMillis(millis))
                .onStop(Action.hangIgnoringInterrupts(release));
        var running = Facet.start(stuck);

        assertThat(catchThrowable(running::close)).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessage("graceful shutdown timed out: stuck did not stop within " + text
                        + "; still stopping: stuck in stop()");
    }

    @Test
    void aRollbackThatTimesOutHangsTheTimeoutUnderTheStartFailure() throws Exception {
        var failure = new IOException("root failed");
        var stuck = service("stuck").timeout(SHORT)
                .onStop(Action.hangIgnoringInterrupts(release));
        var root = service("root").dependsOn(Dependencies.of(stuck)).onStart(Action.fail(failure));

        Throwable thrown = catchThrowable(() -> Facet.start(root));

        assertThat(thrown).isSameAs(failure);
        assertThat(failuresUnder(thrown)).singleElement()
                .isInstanceOfSatisfying(ShutdownTimeoutException.class, timeout ->
                        assertThat(timeout.stillStopping()).containsExactly("stuck"));
    }

    @Test
    void aRollbackThatTimesOutKeepsItsStopFailuresUnderTheTimeout() throws Exception {
        var failure = new IOException("root failed");
        var stopFailure = new IOException("quick cannot stop");
        var stuck = service("stuck").timeout(SHORT)
                .onStop(Action.hangIgnoringInterrupts(release));
        var quick = service("quick").onStop(Action.fail(stopFailure));
        var root = service("root").timeout(SHORT)
                .dependsOn(Dependencies.parallel(stuck, quick)).onStart(Action.fail(failure));

        Throwable thrown = catchThrowable(() -> Facet.start(root));

        assertThat(thrown).isSameAs(failure);
        assertThat(failuresUnder(thrown)).singleElement()
                .isInstanceOfSatisfying(ShutdownTimeoutException.class, timeout ->
                        assertThat(failuresUnder(timeout)).contains(stopFailure));
    }

    @Test
    void aRollbackTimeoutTheStartFailureRefusesIsLogged() throws Exception {
        var failure = new StartFailureTest.RefusesSuppression("root failed");
        var stuck = service("stuck").timeout(SHORT)
                .onStop(Action.hangIgnoringInterrupts(release));
        var root = service("root").dependsOn(Dependencies.of(stuck)).onStart(Action.fail(failure));
        try (var logs = new CapturedLogs()) {
            assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(failure);

            assertThat(logs.await(record -> record.getThrown()
                            instanceof ShutdownTimeoutException, Duration.ofSeconds(10)))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING, "the stop of root timed out; " + failure
                            + " refuses suppression, so this is logged here");
        }
    }

    @Test
    void aStopThatFailsAfterItWasGivenUpIsLoggedAsAWarning() throws Exception {
        var late = new IOException("failed late");
        var stuck = service("stuck").timeout(SHORT).onStop(hangThenFail(late));
        try (var logs = new CapturedLogs()) {
            var running = Facet.start(stuck);
            assertThat(catchThrowable(running::close))
                    .isInstanceOf(ShutdownTimeoutException.class);

            release.countDown();

            assertThat(logs.awaitThrown(late))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING,
                            "stuck: stop() failed after its stop was given up");
        }
    }

    @Test
    void aStopThatIgnoresInterruptsEndsTheWaitAtTheTimeout() throws Exception {
        var stuck = service("stuck").timeout(SHORT)
                .onStop(Action.hangIgnoringInterrupts(release));
        var running = Facet.start(stuck);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageContaining("stuck");
        var timeout = (ShutdownTimeoutException) thrown;
        assertThat(timeout.stillStopping()).containsExactly("stuck");
        assertThat(failuresUnder(timeout)).singleElement()
                .satisfies(trace -> assertThat(trace).hasMessageContaining("stop()")
                        .hasMessageContaining("facet-stop-stuck"))
                .satisfies(trace -> assertThat(isStuckIn(trace, "stop")).isTrue());
        journal.await("stuck", "ignored an interrupt", Duration.ofSeconds(10));
    }

    @Test
    void theDependenciesOfAStuckServiceStopOnceItReturns() throws Exception {
        var b = service("b");
        var stuck = service("stuck").timeout(SHORT).dependsOn(Dependencies.of(b))
                .onStop(Action.hangIgnoringInterrupts(release));
        var running = Facet.start(stuck);

        assertThat(catchThrowable(running::close)).isInstanceOf(ShutdownTimeoutException.class);
        assertThat(linesOf("b")).containsExactly("start", "started"); // R1: not while stuck runs

        release.countDown();
        journal.await("b", "stopped", Duration.ofSeconds(10));
        assertThat(at("b", "stop")).isGreaterThan(at("stuck", "stopped"));
    }

    @Test
    void aDependencysShorterTimeoutShrinksTheDeadline() throws Exception {
        var stuck = service("stuck").timeout(SHORT)
                .onStop(Action.hangIgnoringInterrupts(release));
        var root = service("root").timeout(Duration.ofHours(1))
                .dependsOn(Dependencies.of(stuck));
        var running = Facet.start(root);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class);
        assertThat(((ShutdownTimeoutException) thrown).stillStopping()).containsExactly("stuck");
    }

    @Test
    void theRootsTimeoutBoundsItsDependenciesStops() throws Exception {
        var stuck = service("stuck").timeout(Duration.ofHours(1))
                .onStop(Action.hangIgnoringInterrupts(release));
        var root = service("root").timeout(SHORT).dependsOn(Dependencies.of(stuck));
        var running = Facet.start(root);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageContaining("root");
        assertThat(((ShutdownTimeoutException) thrown).stillStopping()).containsExactly("stuck");
    }

    @Test
    void theRootsDeadlineStillHoldsAfterADependencyStoppedUnderIt() throws Exception {
        var stuck = service("stuck").timeout(Duration.ofHours(1))
                .onStop(Action.hangIgnoringInterrupts(release));
        var quick = service("quick").timeout(Duration.ofHours(1));
        // stopped in reverse: quick first, in time, then stuck, under the same deadline
        var root = service("root").timeout(SHORT)
                .dependsOn(Dependencies.of(stuck).then(quick));
        var running = Facet.start(root);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessage("graceful shutdown timed out: root did not stop within 200ms;"
                        + " still stopping: stuck in stop()");
        assertThat(linesOf("quick")).endsWith("stop", "stopped");
    }

    @Test
    void anUnboundedTimeoutSaturatesInsteadOfEndingInThePast() throws Exception {
        var stuck = service("stuck").timeout(SHORT).onStop(Action.hangIgnoringInterrupts(release));
        // ChronoUnit.FOREVER: now + the timeout overflows, and must stay the farthest future
        var root = service("root").timeout(ChronoUnit.FOREVER.getDuration())
                .dependsOn(Dependencies.of(stuck));
        var running = Facet.start(root);

        assertThat(catchThrowable(running::close)).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessage("graceful shutdown timed out: stuck did not stop within 200ms;"
                        + " still stopping: stuck in stop()");
        assertThat(linesOf("root")).endsWith("stop", "stopped");
    }

    @Test
    void aZeroTimeoutGivesUpAStuckStopAtOnce() throws Exception {
        var stuck = service("stuck").timeout(Duration.ZERO)
                .onStop(Action.hangIgnoringInterrupts(release));
        var running = Facet.start(stuck);

        // the deadline is over at once: stop() may not have begun by then, and the message
        // says where it really was (SimulationTest shows which, seed by seed)
        assertThat(catchThrowable(running::close)).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageMatching("graceful shutdown timed out: stuck did not stop within 0s;"
                        + " still stopping: stuck (in stop\\(\\)|waiting to stop)");
    }

    @Test
    void atTheDeadlineTheTasksOfAServiceStuckInStopAreCancelledAndItsWaitersGo()
            throws Exception {
        var taskWaits = new CountDownLatch(1);
        var taskInterrupted = new CountDownLatch(1);
        var stuck = service("stuck").timeout(SHORT).onStop(Action.hangIgnoringInterrupts(release));
        var running = Facet.start(stuck);
        stuck.addTask(() -> {
            taskWaits.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException expected) {
                taskInterrupted.countDown();
            }
            return null;
        });
        taskWaits.await();

        assertThat(catchThrowable(running::close)).isInstanceOf(ShutdownTimeoutException.class);

        assertThat(running.onExit()).as("nobody waits past the deadline").isDone();
        // stop() is still stuck (nothing released it): the deadline, not its return, did this
        assertThat(taskInterrupted.await(10, TimeUnit.SECONDS)).as("task interrupted").isTrue();
        assertThat(linesOf("stuck")).doesNotContain("stopped");
    }

    @Test
    void aStartThatIgnoresTheInterruptOfItsCallerIsReportedStuckInStart() throws Exception {
        var stuck = service("stuck").timeout(SHORT)
                .onStart(Action.hangIgnoringInterrupts(release));
        var thrown = new java.util.concurrent.CompletableFuture<Throwable>();
        var caller = new Thread(() -> thrown.complete(catchThrowable(() -> Facet.start(stuck))));
        caller.start();
        journal.await("stuck", "start", Duration.ofSeconds(10));

        caller.interrupt();

        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class)
                .satisfies(interrupted -> assertThat(failuresUnder(interrupted))
                        .anySatisfy(timeout -> assertThat(timeout)
                                .isInstanceOf(ShutdownTimeoutException.class)
                                .hasMessage("graceful shutdown timed out: stuck did not stop"
                                        + " within 200ms; still stopping: stuck in start()")));
    }

    @Test
    void aStopThatHonoursTheInterruptIsInterruptedAtTheTimeout() throws Exception {
        var slow = service("slow").timeout(SHORT).onStop(Action.hangInterruptibly());
        var running = Facet.start(slow);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class);
        journal.await("slow", "stop failed", Duration.ofSeconds(10)); // it was interrupted
    }

    @Test
    void aTaskThatIgnoresInterruptsIsReportedStuck() throws Exception {
        var busy = service("busy").timeout(SHORT)
                .onStart(self -> self.addScriptedTask(Action.hangIgnoringInterrupts(release)));
        var running = Facet.start(busy);
        journal.await("busy", "task", Duration.ofSeconds(10));

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class);
        assertThat(failuresUnder(thrown)).singleElement()
                .satisfies(trace -> assertThat(trace).hasMessageContaining("a task")
                        .hasMessageContaining("facet-task-busy"));
    }

    @Test
    void aStopFailureBeforeTheTimeoutIsKeptUnderIt() throws Exception {
        var failure = new IllegalStateException("failed first");
        var stuck = service("stuck").timeout(SHORT)
                .onStop(Action.hangIgnoringInterrupts(release));
        var failing = service("failing").onStop(Action.fail(failure));
        var root = service("root").timeout(Duration.ofHours(1))
                .dependsOn(Dependencies.parallel(stuck, failing));
        var running = Facet.start(root);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class);
        assertThat(failuresUnder(thrown)).contains(failure);
    }

    @Test
    void aServiceWhoseStopTimedOutCannotRestartUntilItReturns() throws Exception {
        var stuck = service("stuck").timeout(SHORT)
                .onStop(Action.hangIgnoringInterrupts(release));
        var running = Facet.start(stuck);
        assertThat(catchThrowable(running::close)).isInstanceOf(ShutdownTimeoutException.class);

        assertThat(catchThrowable(() -> Facet.start(stuck)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stuck");
    }

    @Test
    void aStartThroughADependencyStillStoppingAfterATimeoutFailsAtOnce() throws Exception {
        // found by the scenario property: shared's rollback timed out while stuck was stuck
        var stuck = service("stuck").onStop(Action.hangIgnoringInterrupts(release));
        var shared = service("shared").timeout(SHORT).dependsOn(Dependencies.of(stuck))
                .onStart(Action.fail(new IllegalStateException("shared cannot start")));
        var first = service("first").timeout(SHORT).dependsOn(Dependencies.of(shared));
        var second = service("second").dependsOn(Dependencies.of(shared));
        assertThat(catchThrowable(() -> Facet.start(first)))
                .hasMessage("shared cannot start");

        assertThat(catchThrowable(() -> Facet.start(second)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("previous stop timed out");
        assertThat(linesOf("second")).isEmpty();
    }

    @Test
    void aZeroTimeoutStillLetsAQuickStopRun() throws Exception {
        var quick = service("quick").timeout(Duration.ZERO);
        var running = Facet.start(quick);

        Throwable thrown = catchThrowable(running::close);

        // zero means: do not wait; the stop may finish or be reported, never hang
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class);
        }
        journal.await("quick", "stop", Duration.ofSeconds(10));
    }

    @Test
    void aStartThatWaitedForAStopWhichTimedOutFails() throws Exception {
        var stuck = service("stuck").timeout(Duration.ofMillis(500))
                .onStop(Action.hangIgnoringInterrupts(release));
        var running = Facet.start(stuck);
        var closed = new CompletableFuture<Throwable>();
        var closer = new Thread(() -> closed.complete(catchThrowable(running::close)), "closer");
        closer.start();
        journal.await("stuck", "stop", Duration.ofSeconds(10));

        // usually still within the deadline: the future waits for the stop, then fails
        Throwable thrown = catchThrowable(() -> Facet.startAsync(stuck).get(10, TimeUnit.SECONDS));

        Throwable failure = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start stuck: its previous stop timed out and has not returned");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isInstanceOf(ShutdownTimeoutException.class);
    }

    @Test
    void aRollbackStopThatFailsAfterItWasGivenUpIsLoggedAsAWarning() throws Exception {
        var late = new IOException("failed late");
        var stuck = service("stuck").timeout(SHORT).onStop(hangThenFail(late));
        var root = service("root").dependsOn(Dependencies.of(stuck))
                .onStart(Action.fail(new IOException("root failed")));
        try (var logs = new CapturedLogs()) {
            assertThat(catchThrowable(() -> Facet.start(root)))
                    .hasMessage("root failed");

            release.countDown();

            assertThat(logs.awaitThrown(late))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING,
                            "stuck: stop() failed after its stop was given up");
        }
    }
}
