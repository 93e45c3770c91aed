package facet.tests.rules;

import static facet.tests.rules.Suppressed.failuresUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.testkit.Action;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** R5: a stop() that throws keeps nothing else from stopping; close() throws the first. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StopFailureTest extends Graphs {

    @Test
    void aFailingStopDoesNotKeepItsDependenciesFromStopping() throws Exception {
        var failure = new IOException("a cannot stop");
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b)).onStop(Action.fail(failure));
        var running = Facet.start(a);

        assertThat(catchThrowable(running::close)).isSameAs(failure);
        assertThat(linesOf("b")).endsWith("stop", "stopped");
        assertThat(a.running()).isFalse();
        assertThat(b.running()).isFalse();
    }

    @Test
    void theFirstFailureIsThrownAndTheRestSuppressedUnderIt() throws Exception {
        var first = new IllegalStateException("a cannot stop");
        var second = new IOException("c cannot stop");
        var c = service("c").onStop(Action.fail(second));
        var b = service("b").dependsOn(Dependencies.of(c));
        var a = service("a").dependsOn(Dependencies.of(b)).onStop(Action.fail(first));
        var running = Facet.start(a);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isSameAs(first);
        assertThat(failuresUnder(thrown)).containsExactly(second);
        assertThat(linesOf("b")).endsWith("stop", "stopped");
    }

    @Test
    void failuresInAParallelStepAreAllReported() throws Exception {
        var left = new IllegalStateException("left");
        var right = new IllegalStateException("right");
        var a = service("a").dependsOn(Dependencies.parallel(
                service("l").onStop(Action.fail(left)), service("r").onStop(Action.fail(right))));
        var running = Facet.start(a);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isIn(left, right);
        assertThat(failuresUnder(thrown)).containsExactly(left.equals(thrown) ? right : left);
    }

    @Test
    void runThrowsTheCrashWithTheStopFailureSuppressed() throws Exception {
        var failure = new IllegalStateException("cannot stop");
        var crash = new IOException("crash, so that run() returns");
        Thread caller = Thread.currentThread();
        // the crash waits for run() to be in its await(): a crash during start() would fail the
        // start instead, and the stop failure would reach it through the rollback, not close()
        var root = service("root").onStop(Action.fail(failure))
                .onStart(self -> self.addScriptedTask(task -> {
                    awaitBlockedInAwait(caller);
                    throw crash;
                }));

        Throwable thrown = catchThrowable(root::run);

        assertThat(thrown).isSameAs(crash);
        assertThat(failuresUnder(thrown)).containsExactly(failure);
    }

    @Test
    void aFailureThrownToTheCallerIsNotLoggedToo() throws Exception {
        var failure = new IOException("a cannot stop");
        var a = service("a").onStop(Action.fail(failure));
        var running = Facet.start(a);
        try (var logs = new CapturedLogs()) {
            assertThat(catchThrowable(running::close)).isSameAs(failure);

            assertThat(logs.at(Level.WARNING)).as("told once, by close()").isEmpty();
        }
    }

    /**
     * The first stop failure refuses suppression: close() throws it, and the second, which
     * cannot hang under it, is logged with the service and hook that threw it.
     */
    @Test
    void aStopFailureTheFirstRefusesIsLogged() throws Exception {
        var first = new StartFailureTest.RefusesSuppression("a cannot stop");
        var second = new IOException("b cannot stop");
        var b = service("b").onStop(Action.fail(second));
        var a = service("a").dependsOn(Dependencies.of(b)).onStop(Action.fail(first));
        var running = Facet.start(a);
        try (var logs = new CapturedLogs()) {
            assertThat(catchThrowable(running::close)).isSameAs(first);

            assertThat(logs.awaitThrown(second))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING, "b: stop() failed; " + first
                            + " refuses suppression, so this failure is logged here");
        }
    }

    /**
     * A crash that refuses suppression, over a stop that fails: close() throws the crash, and
     * the stop failure is logged.
     */
    @Test
    void aStopFailureACrashRefusesIsLogged() throws Exception {
        var crash = new StartFailureTest.RefusesSuppression("a task crashed");
        var stopFailure = new IOException("b cannot stop");
        var release = new java.util.concurrent.CountDownLatch(1);
        var b = service("b").onStop(Action.fail(stopFailure));
        var a = service("a").dependsOn(Dependencies.of(b)).onStart(self ->
                self.addScriptedTask(task -> {
                    release.await();
                    throw crash;
                }));
        var running = Facet.start(a);
        release.countDown();
        assertThat(running.onExit()).failsWithin(java.time.Duration.ofSeconds(10));
        try (var logs = new CapturedLogs()) {
            assertThat(catchThrowable(running::close)).isSameAs(crash);

            assertThat(logs.awaitThrown(stopFailure).getLevel()).isEqualTo(Level.WARNING);
        }
    }

    /** run(): a crash that refuses suppression, then a stop that fails: the stop's is logged. */
    @Test
    void aRunWhoseCrashRefusesSuppressionLogsTheStopFailure() throws Exception {
        var crash = new StartFailureTest.RefusesSuppression("a task crashed");
        var stopFailure = new IOException("a cannot stop");
        var release = new java.util.concurrent.CountDownLatch(1);
        var a = service("a").onStop(Action.fail(stopFailure))
                .onStart(self -> self.addScriptedTask(task -> {
                    release.await();
                    throw crash;
                }));
        var thrown = new java.util.concurrent.CompletableFuture<Throwable>();
        var runner = new Thread(() -> thrown.complete(catchThrowable(a::run)));
        try (var logs = new CapturedLogs()) {
            runner.start();
            awaitBlockedInAwait(runner); // the crash comes after the start: await() throws it
            release.countDown();

            assertThat(thrown.get(10, TimeUnit.SECONDS)).isSameAs(crash);

            assertThat(logs.awaitThrown(stopFailure))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING, "a: its stop failed; " + crash
                            + " refuses suppression, so this failure is logged here");
        }
    }
}
