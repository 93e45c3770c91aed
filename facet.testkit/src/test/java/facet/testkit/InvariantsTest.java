package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.ShutdownTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The checker: quiet on runs of the real engine, loud on journals that break a rule. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InvariantsTest {

    private final Journal scripts = new Journal(); // the scripted services' own, unused here
    private final Journal journal = new Journal();

    private ScriptedService service(String name) {
        return ScriptedService.named(name, scripts);
    }

    /** root -> [[left, right], last]; left, right -> shared. */
    private ScriptedService graph() {
        var shared = service("shared");
        var left = service("left").dependsOn(Dependencies.of(shared));
        var right = service("right").dependsOn(Dependencies.of(shared));
        var last = service("last");
        return service("root").dependsOn(Dependencies.parallel(left, right).then(last));
    }

    @Test
    void runsOfTheEngineKeepTheRules() throws Exception {
        for (long seed = 0; seed < 100; seed++) {
            var local = new Journal();
            var root = graph();
            var invariants = Invariants.of(root);
            Simulation.seeded(seed).journal(local).run(facet -> {
                facet.start(root).close();
                return null;
            });
            assertThat(invariants.violations(local)).as("seed %d: %s", seed, local).isEmpty();
        }
    }

    @Test
    void failedStartsAndStopsKeepTheRulesToo() throws Exception {
        for (long seed = 0; seed < 100; seed++) {
            var local = new Journal();
            var shared = service("shared").onStop(Action.fail(new IOException("stop")));
            var failing = service("failing").onStart(Action.fail(new IOException("start")));
            var hanging = service("hanging").onStart(Action.hangInterruptibly());
            var root = service("root")
                    .dependsOn(Dependencies.of(shared).thenParallel(failing, hanging));
            var invariants = Invariants.of(root);
            var result = Simulation.seeded(seed).journal(local).run(facet -> facet.start(root));
            assertThat(result.thrown()).hasMessage("start");
            assertThat(invariants.violations(local)).as("seed %d: %s", seed, local).isEmpty();
        }
    }

    @Test
    void aServiceStartedBeforeItsDependencyRunsIsCaught() {
        var root = graph();
        journal.record("root", "caller start");
        journal.record("root", "start");

        assertThat(Invariants.of(root).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("root started while its dependency left was not"
                        + " running (R1)"));
    }

    @Test
    void aDependencyStoppedWhileItsDependentLivesIsCaught() {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));
        for (String line : List.of("b start", "b started", "a start", "a started", "b stop")) {
            String[] parts = line.split(" ", 2);
            journal.record(parts[0], parts[1]);
        }

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("b stopped while its dependent a was alive (R1)"));
    }

    @Test
    void aLaterStepStartedTooSoonIsCaught() {
        var first = service("first");
        var second = service("second");
        var root = service("root").dependsOn(Dependencies.of(first, second));
        journal.record("second", "start");

        assertThat(Invariants.of(root).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("(R2)"));
    }

    @Test
    void aStopOfAServiceWhoseStartFailedIsCaught() {
        var a = service("a");
        journal.record("a", "start");
        journal.record("a", "start failed", new IOException("no"));
        journal.record("a", "stop");

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("(R4)"));
    }

    @Test
    void aCallerGivenAnotherExceptionThanTheOriginalIsCaught() {
        var a = service("a");
        journal.record("a", "caller start");
        journal.record("a", "start");
        journal.record("a", "start failed", new IOException("original"));
        journal.record("a", "caller start threw", new IOException("a copy"));

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("not the original failure").contains("(R4)"));
    }

    @Test
    void aLostStopFailureIsCaught() {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));
        var first = new IOException("first");
        for (String line : List.of("a caller start", "b start", "b started", "a start",
                "a started", "a caller started", "a caller close", "a stop")) {
            String[] parts = line.split(" ", 2);
            journal.record(parts[0], parts[1]);
        }
        journal.record("a", "stop failed", first);
        journal.record("b", "stop");
        journal.record("b", "stop failed", new IOException("second"));
        journal.record("a", "caller close threw", first); // "second" not suppressed under it

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("second").contains("is lost (R5)"));
    }

    @Test
    void aCloseThatOutlivesItsTimeoutIsCaught() throws Exception {
        var slow = service("slow").timeout(Duration.ofSeconds(1))
                .onStop(Action.sleep(Duration.ofSeconds(5)));
        var invariants = Invariants.of(slow);
        // the engine keeps the deadline; a journal that says otherwise must be caught
        var result = Simulation.seeded(1).journal(journal).run(facet -> {
            facet.start(slow).close();
            return null;
        });
        assertThat(result.thrown()).isInstanceOf(ShutdownTimeoutException.class);
        assertThat(invariants.violations(journal)).isEmpty();

        var late = new Journal();
        late.record("slow", "caller start");
        late.record("slow", "start");
        late.record("slow", "started");
        late.record("slow", "caller started");
        late.record("slow", "caller close");
        Simulation.seeded(1).run(facet -> {
            Facet.sleep(Duration.ofSeconds(2));
            late.record("slow", "stop");
            late.record("slow", "stopped");
            late.record("slow", "caller closed");
            return null;
        });
        assertThat(invariants.violations(late)).anySatisfy(violation ->
                assertThat(violation).contains("past its timeout").contains("(R7)"));
    }

    @Test
    void somethingLeftAliveAtTheEndIsCaught() {
        var a = service("a");
        journal.record("a", "start");
        journal.record("a", "started");

        assertThatThrownBy(() -> Invariants.of(a).check(journal))
                .hasMessageContaining("at the end, with no root held, a is still alive");
    }

    @Test
    void twoServicesWithOneNameCannotBeChecked() {
        var root = service("root").dependsOn(Dependencies.of(service("twin"), service("twin")));

        assertThatThrownBy(() -> Invariants.of(root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two services");
    }

    // ------------------------------------------------------------------ each check can fail

    /** Records {@code lines} ({@code "service event"}) into the journal. */
    private void record(String... lines) {
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            journal.record(parts[0], parts[1]);
        }
    }

    /** r -> [[a, b]]. */
    private ScriptedService parallelPair() {
        return service("r").dependsOn(Dependencies.parallel(service("a"), service("b")));
    }

    @Test
    void aStartBegunAfterTheEngineKnewItsCallFailedIsCaught() {
        var r = parallelPair();
        var failure = new IOException("a cannot start");
        record("r caller start", "a start");
        journal.record("a", "start failed", failure);
        journal.record("r", "engine call failed", failure);
        record("b start");

        assertThat(Invariants.of(r).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("b's start() began after the engine knew that the"
                        + " start of r had failed").endsWith("(R4)"));
    }

    @Test
    void aConcurrentStartTheEngineDidNotInterruptIsCaught() {
        var r = parallelPair();
        var failure = new IOException("a cannot start");
        record("r caller start", "a start", "b start");
        journal.record("a", "start failed", failure);
        journal.record("r", "engine call failed", failure);
        record("b started");

        assertThat(Invariants.of(r).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("b's start() ran on after the start it was called"
                        + " for had failed, and was not interrupted").endsWith("(R4)"));
    }

    @Test
    void aConcurrentStartTheEngineInterruptedIsNot() {
        var r = parallelPair();
        var failure = new IOException("a cannot start");
        var interrupted = new InterruptedException();
        record("r caller start", "a start", "b start");
        journal.record("a", "start failed", failure);
        journal.record("r", "engine call failed", failure);
        record("b engine interrupts start()");
        journal.record("b", "start failed", interrupted);
        failure.addSuppressed(interrupted);
        journal.record("r", "caller start threw", failure);

        assertThat(Invariants.of(r).violations(journal)).isEmpty();
    }

    @Test
    void aCallerGivenAnotherFailureThanTheEngineFailedTheStartWithIsCaught() {
        var a = service("a");
        var original = new IOException("original");
        record("a caller start", "a start");
        journal.record("a", "start failed", original);
        journal.record("a", "engine call failed", original);
        journal.record("a", "caller start threw", new IOException("another"));

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("not the original failure").endsWith("(R4)"));
    }

    @Test
    void aFailureThatReachedNoCallerAndNoLogIsCaught() {
        var r = parallelPair();
        var failure = new IOException("a cannot start");
        var lost = new IOException("b cannot start either");
        record("r caller start", "a start", "b start");
        journal.record("a", "start failed", failure);
        journal.record("b", "start failed", lost);
        journal.record("r", "engine call failed", failure);
        journal.record("r", "caller start threw", failure); // lost is not under it

        assertThat(Invariants.of(r).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("the failure " + lost + " reached no caller and"
                        + " was not logged").endsWith("(R4)"));
    }

    @Test
    void aFailureAttachedOnlyAfterItsCallerHadTheExceptionIsCaught() {
        var r = parallelPair();
        var failure = new IOException("a cannot start");
        var late = new IOException("b cannot start either");
        record("r caller start", "a start", "b start");
        journal.record("a", "start failed", failure);
        journal.record("r", "engine call failed", failure);
        journal.record("r", "caller start threw", failure);
        journal.record("b", "start failed", late);
        failure.addSuppressed(late); // too late: the caller had it already

        assertThat(Invariants.of(r).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("the failure " + late + " reached no caller"));
    }

    @Test
    void aFailureNobodyThrowsIsKeptByALog() {
        var r = parallelPair();
        var failure = new IOException("a cannot start");
        var logged = new IOException("b cannot start either");
        record("r caller start", "a start", "b start");
        journal.record("a", "start failed", failure);
        journal.record("r", "engine call failed", failure);
        record("b engine interrupts start()");
        journal.record("b", "start failed", logged);
        journal.record("b", "engine logged WARNING", logged);
        journal.record("r", "caller start threw", failure);

        assertThat(Invariants.of(r).violations(journal)).isEmpty();
    }

    /** Root a runs, held, and a task of it crashed the stack. */
    private void recordACrashOfTheRunningRootA() {
        var crash = new IOException("a task of a crashed");
        record("a caller start", "a start", "a started", "a caller started", "a task");
        journal.record("a", "task failed", crash);
        journal.record("a", "engine crash", crash);
        journal.record("a", "engine logged ERROR", crash);
    }

    @Test
    void aCloseThatDoesNotThrowTheCrashOfItsStackIsCaught() {
        var a = service("a");
        recordACrashOfTheRunningRootA();
        record("a caller close", "a stop", "a stopped", "a caller closed");

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("close() of a returned, not the crash of its"
                        + " stack, which no await() or run() threw").endsWith("(R5)"));
    }

    @Test
    void anAwaitThatReturnsOverACrashedStackIsCaught() {
        var a = service("a");
        recordACrashOfTheRunningRootA();
        record("a caller await", "a caller awaited");

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("await() returned, though the stack of a crashed")
                        .endsWith("(R6)"));
    }

    @Test
    void aCrashLoggedTwiceOrNeverIsCaught() {
        var a = service("a");
        var twice = new IOException("logged twice");
        var never = new IOException("never logged");
        record("a caller start", "a start", "a started", "a caller started");
        journal.record("a", "engine crash", twice);
        journal.record("a", "engine logged ERROR", twice);
        journal.record("a", "engine logged ERROR", twice);
        journal.record("a", "engine crash", never);

        assertThat(Invariants.of(a).violations(journal))
                .anySatisfy(violation -> assertThat(violation)
                        .contains("a crash logged 2 times at ERROR").endsWith("(R6)"))
                .anySatisfy(violation -> assertThat(violation)
                        .contains("a crash never logged at ERROR").endsWith("(R6)"));
    }

    @Test
    void aStartThatSucceedsOverACrashIsCaught() {
        var s = service("s");
        var r = service("r").dependsOn(Dependencies.of(s));
        var crash = new IOException("a task of s crashed");
        record("r caller start", "s start", "s started");
        journal.record("s", "engine crash", crash);
        record("r start", "r started", "r caller started");

        assertThat(Invariants.of(r).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("start returned, though a task under it crashed"
                        + " while it started").endsWith("(R6)"));
    }

    @Test
    void tasksCancelledBeforeTheStopReturnedAreCaught() {
        var a = service("a");
        record("a caller start", "a start", "a started", "a caller started", "a caller close",
                "a stop", "a engine cancels tasks");

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("a's tasks were cancelled while its stop() still"
                        + " ran").endsWith("(R6)"));
    }

    @Test
    void aTimeoutThatLeavesOutAServiceStillInStopIsCaught() {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));
        record("a caller start", "b start", "b started", "a start", "a started",
                "a caller started", "a caller close", "a stop", "a stopped", "b stop");
        journal.record("a", "caller close threw", new ShutdownTimeoutException(
                "graceful shutdown timed out: a did not stop within 1s", List.of()));

        assertThat(Invariants.of(a).violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("the timeout does not name b, still in stop()")
                        .endsWith("(R7)"));
    }

    @Test
    void aTimeoutMayLeaveOutAStopCalledPastItsDeadline() {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));
        // the deadline interrupted a's stop(), whose end released b before the caller threw
        record("a caller start", "b start", "b started", "a start", "a started",
                "a caller started", "a caller close", "a stop", "a engine interrupts stop()");
        journal.record("a", "stop failed", new InterruptedException());
        record("b stop");
        journal.record("a", "caller close threw", new ShutdownTimeoutException(
                "graceful shutdown timed out: a did not stop within 10s; still stopping: a in"
                        + " stop()", List.of("a")));

        assertThat(Invariants.of(a).violations(journal))
                .noneSatisfy(violation -> assertThat(violation).contains("does not name b"));
    }

    @Test
    void aStopPastItsOwnTimeoutThatNobodyInterruptedIsCaught() throws Exception {
        var slow = service("slow").timeout(Duration.ofSeconds(1));
        var invariants = Invariants.of(slow);
        Simulation.seeded(1).run(facet -> { // for the virtual time of each record
            record("slow caller start", "slow start", "slow started", "slow caller started",
                    "slow caller close", "slow stop");
            Facet.sleep(Duration.ofSeconds(2));
            record("slow stopped");
            return null;
        });

        assertThat(invariants.violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("slow's stop() ran past its own timeout of 1 s")
                        .contains("and was not interrupted").endsWith("(R7)"));
    }

    /** Off a simulation, times are real: a loaded machine may stretch any of them (CI did). */
    @Test
    void aJournalInRealTimeIsNotHeldToTheTimingsOfVirtualTime() {
        var r = parallelPair();
        record("r caller start", "a start");
        long gap = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2); // > CONCURRENT_NANOS
        while (System.nanoTime() < gap) {
            Thread.onSpinWait(); // makes time pass between two records; orders nothing
        }
        record("b start", "a started", "b started", "r start", "r started", "r caller started");

        assertThat(journal.entries().get(2).time() - journal.entries().get(1).time())
                .isGreaterThan(RulesWalk.CONCURRENT_NANOS);
        assertThat(Invariants.of(r).violations(journal)).isEmpty();
    }

    @Test
    void aStartCalledLaterThanItCouldBeIsCaught() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));
        var invariants = Invariants.of(a);
        Simulation.seeded(1).run(facet -> { // for the virtual time of each record
            record("a caller start", "b start", "b started");
            Facet.sleep(Duration.ofMillis(1));
            record("a start");
            return null;
        });

        assertThat(invariants.violations(journal)).anySatisfy(violation ->
                assertThat(violation).contains("a's start() was called 1 ms of virtual time"
                        + " after it could be").endsWith("(R2)"));
    }
}
