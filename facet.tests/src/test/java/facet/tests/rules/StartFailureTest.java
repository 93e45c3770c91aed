package facet.tests.rules;

import static facet.tests.rules.Suppressed.failuresUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import facet.testkit.Action;
import facet.testkit.ScriptedService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R4: when a start() throws, no further start() is called, concurrent starts in the step are
 * interrupted, what did start is stopped in order, and the caller gets the original exception;
 * failures of the rollback are suppressed under it. A service whose start() threw is not stopped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StartFailureTest extends Graphs {

    private final IOException failure = new IOException("cannot start");

    @ParameterizedTest(name = "failure at position {0} of 3")
    @ValueSource(ints = {0, 1, 2})
    void inASequenceWhatStartedIsStoppedInReverseAndNothingElseStarts(int failing)
            throws Exception {
        var steps = new ArrayList<Service>();
        for (int index = 0; index < 3; index++) {
            var step = service("s" + index);
            if (index == failing) {
                step.onStart(Action.fail(failure));
            }
            steps.add(step);
        }
        var root = service("root").dependsOn(Dependencies.of(steps));

        Throwable thrown = catchThrowable(() -> Facet.start(root));

        assertThat(thrown).isSameAs(failure);
        var expected = new ArrayList<String>();
        for (int index = 0; index < failing; index++) {
            expected.addAll(List.of("s" + index + " start", "s" + index + " started"));
        }
        expected.addAll(List.of("s" + failing + " start", "s" + failing + " start failed"));
        for (int index = failing - 1; index >= 0; index--) {
            expected.addAll(List.of("s" + index + " stop", "s" + index + " stopped"));
        }
        assertThat(journal.lines()).containsExactlyElementsOf(expected);
        assertThat(failuresUnder(thrown)).isEmpty();
        assertThat(steps).noneMatch(Service::running);
    }

    @ParameterizedTest(name = "failure at position {0} of 3")
    @ValueSource(ints = {0, 1, 2})
    void inAParallelStepTheOtherStartsAreInterruptedAndNotStopped(int failing)
            throws Exception {
        var othersEntered = new CountDownLatch(2);
        var never = new CountDownLatch(1);
        var step = new ArrayList<Service>();
        for (int index = 0; index < 3; index++) {
            var service = service("s" + index);
            if (index == failing) {
                service.onStart(self -> {
                    othersEntered.await();
                    throw failure;
                });
            } else {
                service.onStart(Action.pause(othersEntered, never));
            }
            step.add(service);
        }
        var after = service("after");
        var root = service("root").dependsOn(Dependencies.parallel(step).then(after));

        Throwable thrown = catchThrowable(() -> Facet.start(root));

        assertThat(thrown).isSameAs(failure);
        for (int index = 0; index < 3; index++) {
            assertThat(linesOf("s" + index)).as("s" + index)
                    .containsExactly("start", "start failed");
        }
        assertThat(linesOf("after")).isEmpty();
        assertThat(linesOf("root")).isEmpty();
    }

    @ParameterizedTest(name = "failure at position {0} of 3")
    @ValueSource(ints = {0, 1, 2})
    void inAParallelStepTheServicesThatStartedAreStopped(int failing) throws Exception {
        var step = new ArrayList<ScriptedService>();
        for (int index = 0; index < 3; index++) {
            step.add(service("s" + index));
        }
        step.get(failing).onStart(self -> {
            for (int index = 0; index < 3; index++) {
                if (index != failing) {
                    journal.await("s" + index, "started", Duration.ofSeconds(10));
                }
            }
            throw failure;
        });
        var root = service("root").dependsOn(Dependencies.parallel(step));

        Throwable thrown = catchThrowable(() -> Facet.start(root));

        assertThat(thrown).isSameAs(failure);
        for (int index = 0; index < 3; index++) {
            var lines = linesOf("s" + index);
            if (index == failing) {
                assertThat(lines).containsExactly("start", "start failed");
            } else {
                assertThat(lines).containsExactly("start", "started", "stop", "stopped");
            }
        }
    }

    @Test
    void failuresOfTheRollbackAreSuppressedUnderTheOriginal() throws Exception {
        var stopFailure = new IllegalStateException("cannot stop either");
        var first = service("first").onStop(Action.fail(stopFailure));
        var second = service("second").onStart(Action.fail(failure));
        var root = service("root").dependsOn(Dependencies.of(first, second));

        Throwable thrown = catchThrowable(() -> Facet.start(root));

        assertThat(thrown).isSameAs(failure);
        assertThat(failuresUnder(thrown)).containsExactly(stopFailure);
        assertThat(linesOf("first")).containsExactly("start", "started", "stop", "stop failed");
    }

    @Test
    void aRootThatFailsToStartHasItsDependenciesStopped() throws Exception {
        var b = service("b");
        var root = service("root").dependsOn(Dependencies.of(b)).onStart(Action.fail(failure));

        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(failure);

        assertThat(journal.lines()).containsExactly("b start", "b started",
                "root start", "root start failed", "b stop", "b stopped");
    }

    @Test
    void anErrorFromStartIsThrownAsItIs() throws Exception {
        var error = new OutOfMemoryError("simulated");
        var b = service("b");
        var root = service("root").dependsOn(Dependencies.of(b)).onStart(Action.fail(error));

        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(error);
        assertThat(linesOf("b")).containsExactly("start", "started", "stop", "stopped");
    }

    @Test
    void aFailedStartCanBeTriedAgain() throws Exception {
        var b = service("b");
        var flaky = service("flaky").onStart(Action.fail(failure));
        var root = service("root").dependsOn(Dependencies.of(b, flaky));
        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(failure);

        flaky.onStart(Action.succeed());
        Facet.start(root).close();

        assertThat(journal.count("b", "start")).isEqualTo(2);
        assertThat(journal.count("root", "stopped")).isEqualTo(1);
    }

    @Test
    void aServiceSharedWithARunningRootIsNotStoppedByTheRollback() throws Exception {
        var shared = service("shared");
        var holder = service("holder").dependsOn(Dependencies.of(shared));
        var failing = service("failing").onStart(Action.fail(failure));
        var root = service("root").dependsOn(Dependencies.of(shared, failing));

        try (var running = Facet.start(holder)) {
            assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(failure);
            assertThat(shared.running()).isTrue();
            assertThat(linesOf("shared")).containsExactly("start", "started");
        }
        assertThat(linesOf("shared")).endsWith("stop", "stopped");
    }

    @Test
    void startAsyncCompletesWithTheOriginalExceptionAfterTheRollback() throws Exception {
        var b = service("b");
        var root = service("root").dependsOn(Dependencies.of(b)).onStart(Action.fail(failure));

        var future = Facet.startAsync(root);

        Throwable thrown = catchThrowable(future::join);
        assertThat(thrown).cause().isSameAs(failure);
        assertThat(linesOf("b")).containsExactly("start", "started", "stop", "stopped");
    }

    @Test
    void aConcurrentStartThatFailsWhenInterruptedIsSuppressedUnderTheOriginal()
            throws Exception {
        var failure = new IOException("a failed");
        var broken = new IOException("b broke when interrupted");
        var entered = new CountDownLatch(1);
        var b = service("b").onStart(self -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException interrupted) {
                throw broken;
            }
        });
        var a = service("a").onStart(self -> {
            entered.await(); // b's start runs: the failure of a interrupts it
            throw failure;
        });
        var root = service("root").dependsOn(Dependencies.parallel(a, b));

        Throwable thrown = catchThrowable(() -> Facet.start(root));

        assertThat(thrown).isSameAs(failure);
        assertThat(failuresUnder(thrown)).containsExactly(broken);
        assertThat(linesOf("b")).containsExactly("start", "start failed");
    }

    /**
     * A service whose start failed stays failed while something still holds it: here its
     * dependent d, whose stop waits for a task (added while d was starting) that ignores its
     * interrupt. Meanwhile a new root on it fails at once, before any of its own steps start.
     * The crash interrupts the start() of m (its start has failed), and what that start()
     * throws then is attached under the crash once the rollback is over.
     */
    @Test
    void aFailedServiceStillHeldIsNotBuiltOnAndItsLateStartFailureIsKept() throws Exception {
        var crash = new IOException("a task of m crashed");
        var late = new IOException("start() of m failed late");
        var never = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var d = service("d");
        var m = service("m").onStart(self -> {
            d.addScriptedTask(Action.hangIgnoringInterrupts(release)); // d is starting: allowed
            self.addScriptedTask(Action.fail(crash));
            try {
                never.await();
            } catch (InterruptedException byTheCrash) {
                throw late;
            }
        });
        d.dependsOn(Dependencies.of(m));
        var root = service("root").dependsOn(Dependencies.of(d));
        var fresh = service("fresh");
        var other = service("other").dependsOn(Dependencies.of(fresh).then(m));
        var rootFailed = new CompletableFuture<Throwable>();
        var caller = new Thread(() -> rootFailed.complete(catchThrowable(() -> Facet.start(root))));
        caller.start();
        try {
            journal.await("d", "ignored an interrupt", Duration.ofSeconds(10)); // d holds m

            assertThat(catchThrowable(() -> Facet.start(other))).isSameAs(crash);
            assertThat(linesOf("fresh")).as("nothing of other starts").isEmpty();
            // cut short by the crash, not by the rollback (which waits for d's task)
            journal.await("m", "start failed", Duration.ofSeconds(10));
        } finally {
            release.countDown();
        }
        assertThat(rootFailed.get(10, TimeUnit.SECONDS)).isSameAs(crash);
        assertThat(failuresUnder(crash)).containsExactly(late);
        assertThat(linesOf("m")).endsWith("start failed");
    }

    /**
     * {@code r = parallel(a, x, b)}, {@code a = parallel(c, f)}, {@code x = of(e)},
     * {@code b = of(d).then(e)}, {@code d = of(g)}: {@code f} fails while {@code g} and
     * {@code e} are in their start() (both ignore the interrupt; {@code g} returns once the
     * rollback has stopped {@code c}, {@code e} once {@code g} runs). Nothing needs {@code d}
     * any more, so it never starts, though its dependency now runs. Before fail-fast, the
     * rollback of {@code b} waited for {@code e} before it let go of {@code d}, and {@code d}
     * was started meanwhile.
     */
    @Test
    void aServiceMerelyWaitingIsNeverStartedOnceTheStartFailed() throws Exception {
        var failure = new IOException("f cannot start");
        var entered = new CountDownLatch(2);
        var f = service("f").onStart(self -> {
            entered.await();
            throw failure;
        });
        var g = service("g");
        g.onStart(self -> {
            entered.countDown();
            ignoringInterrupts(self, () -> journal.await("c", "stopped", Duration.ofSeconds(10)));
        });
        var e = service("e").onStart(self -> {
            entered.countDown();
            ignoringInterrupts(self, () -> {
                journal.await("g", "started", Duration.ofSeconds(10));
                pollUntil(g::running, "g never ran"); // its transition follows at once
            });
        });
        var a = service("a").dependsOn(Dependencies.parallel(service("c"), f));
        var x = service("x").dependsOn(Dependencies.of(e));
        var d = service("d").dependsOn(Dependencies.of(g));
        var b = service("b").dependsOn(Dependencies.of(d).then(e));
        var r = service("r").dependsOn(Dependencies.parallel(a, x, b));

        Throwable thrown = catchThrowable(() -> Facet.start(r));

        assertThat(thrown).isSameAs(failure);
        for (String never : List.of("d", "b", "x", "a", "r")) {
            assertThat(linesOf(never)).as(never).isEmpty();
        }
        for (String ran : List.of("g", "e", "c")) { // whenever each saw its interrupt
            assertThat(linesOf(ran)).as(ran)
                    .filteredOn(line -> !line.equals("ignored an interrupt"))
                    .containsExactly("start", "started", "stop", "stopped");
        }
    }

    /**
     * {@code p = of(q).then(r)} starts on one thread while {@code r} alone starts on another;
     * the caller of {@code r} is interrupted while {@code q} and {@code r} start. That start is
     * abandoned, but {@code r}'s start() runs on uninterrupted: {@code p}, still starting, holds
     * {@code r} and will need it, and an interrupted {@code r} would fail {@code p} too.
     */
    @Test
    void anAbandonedStartDoesNotCutShortWhatALiveStartWillNeed() throws Exception {
        var rEntered = new CountDownLatch(1);
        var proceed = new CountDownLatch(1);
        var r = service("r").onStart(Action.pause(rEntered, proceed));
        var q = service("q").onStart(Action.pause(new CountDownLatch(1), proceed));
        var p = service("p").dependsOn(Dependencies.of(q).then(r));
        var alone = new CompletableFuture<Throwable>();
        var caller = new Thread(() -> alone.complete(catchThrowable(() -> Facet.start(r))));
        caller.start();
        rEntered.await();
        var pStarted = new CompletableFuture<Running<ScriptedService>>();
        var pCaller = new Thread(() -> {
            try {
                pStarted.complete(Facet.start(p));
            } catch (Exception failed) {
                pStarted.completeExceptionally(failed);
            }
        });
        pCaller.start();
        journal.await("q", "start", Duration.ofSeconds(10)); // p holds r now

        caller.interrupt();
        assertThat(alone.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        proceed.countDown();

        try (var running = pStarted.get(10, TimeUnit.SECONDS)) {
            assertThat(running.service().running()).isTrue();
        }
        assertThat(linesOf("r")).containsExactly("start", "started", "stop", "stopped");
    }

    /** A wait that a hook goes on with through interrupts, each recorded and none kept. */
    @FunctionalInterface
    private interface Wait {
        void run() throws Exception;
    }

    private void ignoringInterrupts(ScriptedService self, Wait wait) throws Exception {
        while (true) {
            try {
                wait.run();
                boolean unused = Thread.interrupted(); // pollUntil does not look at it
                return;
            } catch (InterruptedException ignored) {
                journal.record(self.toString(), "ignored an interrupt");
            }
        }
    }

    /**
     * {@code r = of(ok, bad)}: {@code bad.start()} throws a failure built with suppression
     * disabled, and the rollback's {@code ok.stop()} throws too. The caller gets the start's
     * failure; the stop's cannot hang under it, so it is logged, naming the service and the
     * hook. Before, it was dropped without a trace.
     */
    @Test
    void aStopFailureTheStartsFailureRefusesIsLogged() throws Exception {
        var refusing = new RefusesSuppression("bad cannot start");
        var stopFailure = new IOException("ok cannot stop");
        var ok = service("ok").onStop(Action.fail(stopFailure));
        var r = service("r").dependsOn(Dependencies.of(ok,
                service("bad").onStart(Action.fail(refusing))));
        try (var logs = new CapturedLogs()) {
            assertThat(catchThrowable(() -> Facet.start(r))).isSameAs(refusing);

            assertThat(logs.awaitThrown(stopFailure))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING, "ok: stop() failed; " + refusing
                            + " refuses suppression, so this failure is logged here");
        }
    }

    /** A failure built with suppression disabled, as some libraries' exceptions are. */
    static final class RefusesSuppression extends Exception {
        @java.io.Serial private static final long serialVersionUID = 1L;

        RefusesSuppression(String message) {
            super(message, null, false, false);
        }
    }
}
