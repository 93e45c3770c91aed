package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.ShutdownTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The deterministic backend: the engine's rules hold there, time is virtual, runs replay. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulationTest {

    private final Journal journal = new Journal();

    private ScriptedService service(String name) {
        return ScriptedService.named(name, journal);
    }

    @Test
    void theSeedsExampleRunsInOrder() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));

        var result = Simulation.seeded(1).run(facet -> {
            facet.start(a).close();
            return "done";
        });

        assertThat(result.value()).isEqualTo("done");
        assertThat(result.thrown()).isNull();
        assertThat(journal.lines()).containsExactly("b start", "b started", "a start",
                "a started", "a stop", "a stopped", "b stop", "b stopped");
        assertThat(journal.entries()).allSatisfy(entry -> assertThat(entry.virtual()).isTrue());
        assertThat(journal.entries()).extracting(Journal.Entry::kind).containsExactly(
                Journal.EntryKind.START, Journal.EntryKind.STARTED, Journal.EntryKind.START,
                Journal.EntryKind.STARTED, Journal.EntryKind.STOP, Journal.EntryKind.STOPPED,
                Journal.EntryKind.STOP, Journal.EntryKind.STOPPED);
    }

    @Test
    void aGracefulShutdownTimeoutPassesInVirtualTime() throws Exception {
        var stuck = service("stuck").timeout(Duration.ofMinutes(10))
                .onStop(Action.hangIgnoringInterrupts());

        var result = Simulation.seeded(2).run(facet -> {
            facet.start(stuck).close();
            return null;
        });

        assertThat(result.thrown()).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageContaining("stuck did not stop within 600s");
        assertThat(result.virtualTime()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(journal.lines()).contains("stuck ignored an interrupt");
    }

    @Test
    void aSleepTakesVirtualTimeOnly() throws Exception {
        var result = Simulation.seeded(3).run(facet -> {
            Facet.sleep(Duration.ofHours(5));
            return null;
        });

        assertThat(result.virtualTime()).isEqualTo(Duration.ofHours(5));
    }

    /** Parallel steps, tasks and sleeps: many interleavings to choose from. */
    private List<Journal.Entry> busyScenario(long seed) throws Exception {
        var local = new Journal();
        var shared = ScriptedService.named("shared", local).onStart(Action.sleep(Duration.ofMillis(3)));
        var left = ScriptedService.named("left", local).dependsOn(Dependencies.of(shared))
                .onStart(self -> self.addScriptedTask(Action.sleep(Duration.ofMillis(2))));
        var right = ScriptedService.named("right", local).dependsOn(Dependencies.of(shared))
                .onStart(self -> self.addScriptedTask(Action.hangInterruptibly()));
        var solo = ScriptedService.named("solo", local).onStop(Action.sleep(Duration.ofMillis(1)));
        var top = ScriptedService.named("top", local)
                .dependsOn(Dependencies.parallel(left, right, solo));
        Simulation.seeded(seed).run(facet -> {
            facet.start(top).close();
            return null;
        });
        return local.entries();
    }

    @Test
    void oneSeedGivesOneExactSequenceOfEvents() throws Exception {
        var distinct = new HashSet<List<Journal.Entry>>();
        for (long seed = 0; seed < 200; seed++) {
            List<Journal.Entry> first = busyScenario(seed);
            List<Journal.Entry> second = busyScenario(seed);
            assertThat(second).as("seed %d, run twice", seed).isEqualTo(first);
            distinct.add(first);
        }
        assertThat(distinct).as("the seed changes the interleaving").hasSizeGreaterThan(10);
    }

    @Test
    void theRecordedChoicesReplayTheRunExactly() throws Exception {
        var choices = new ArrayList<List<Integer>>();
        for (var simulation : List.of(Simulation.seeded(77), Simulation.seeded(77))) {
            var local = new Journal();
            var b = ScriptedService.named("b", local);
            var c = ScriptedService.named("c", local);
            var a = ScriptedService.named("a", local).dependsOn(Dependencies.parallel(b, c));
            var result = simulation.run(facet -> {
                facet.start(a).close();
                return null;
            });
            choices.add(result.choices());
            var replayed = new Journal();
            var b2 = ScriptedService.named("b", replayed);
            var c2 = ScriptedService.named("c", replayed);
            var a2 = ScriptedService.named("a", replayed).dependsOn(Dependencies.parallel(b2, c2));
            Simulation.replaying(result.choices()).run(facet -> {
                facet.start(a2).close();
                return null;
            });
            assertThat(replayed.lines()).isEqualTo(local.lines());
        }
        assertThat(choices.get(0)).isNotEmpty().isEqualTo(choices.get(1));
    }

    @Test
    void aDeadlockIsReportedWithWhatEachStrandWaitsForAndTheReplayLine() {
        var never = service("never").onStart(Action.hangIgnoringInterrupts());

        var failure = catchThrowableOfType(SimulationException.class,
                () -> Simulation.seeded(5).run(facet -> facet.start(never)));

        assertThat(failure.kind()).isEqualTo(SimulationException.Kind.DEADLOCK);
        assertThat(failure.getMessage()).contains("main (forked by the test): waits for latch")
                .contains("facet-start-never").contains("waits for an interrupt")
                .contains("replay: Simulation.seeded(5L)");
        assertThat(failure.replay()).isEqualTo("Simulation.seeded(5L)");
    }

    @Test
    void aRunThatNeverEndsIsALivelock() {
        var busy = service("busy").onStart(self -> {
            var unused = self.addTask(() -> {
                while (true) {
                    Facet.sleep(Duration.ofSeconds(1));
                }
            });
        });

        var failure = catchThrowableOfType(SimulationException.class,
                () -> Simulation.seeded(6).timeBudget(Duration.ofHours(1)).run(facet -> {
                    facet.start(busy).await();
                    return null;
                }));

        assertThat(failure.kind()).isEqualTo(SimulationException.Kind.LIVELOCK);
        assertThat(failure.getMessage()).contains("virtual time past")
                .contains("facet-task-busy");
    }

    @Test
    void aStrandBlockedOutsideTheBackendIsReportedByTheWatchdog() {
        var release = new CountDownLatch(1);
        var blocking = service("blocking").onStart(self -> release.await()); // a real latch
        try {
            var failure = catchThrowableOfType(SimulationException.class,
                    () -> Simulation.seeded(7).watchdog(Duration.ofMillis(200))
                            .run(facet -> facet.start(blocking)));

            assertThat(failure.kind()).isEqualTo(SimulationException.Kind.WATCHDOG);
            assertThat(failure.getMessage()).contains("facet-start-blocking")
                    .contains("blocked outside the backend");
            assertThat(java.util.Objects.requireNonNull(failure.getCause()).getStackTrace())
                    .extracting(StackTraceElement::getMethodName).contains("await");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailedStartInterruptsItsParallelSiblingsAtASchedulingPoint() throws Exception {
        var failure = new IOException("cannot start");
        var hanging = service("hanging").onStart(Action.hangInterruptibly());
        var failing = service("failing").onStart(Action.fail(failure));
        var root = service("root").dependsOn(Dependencies.parallel(hanging, failing));

        for (long seed = 0; seed < 50; seed++) {
            var result = Simulation.seeded(seed).run(facet -> facet.start(root));
            assertThat(result.thrown()).as("seed %d", seed).isSameAs(failure);
        }
        assertThat(journal.count("root", "start")).isZero();
        assertThat(journal.count("hanging", "stop")).isZero();
    }

    @Test
    void aJournalSharedByScriptedServicesAndTheSimulationRecordsEachHookOnce() throws Exception {
        var failure = new IOException("cannot start");
        var db = service("db").onStop(Action.fail(new IOException("cannot stop")));
        var web = service("web").onStart(Action.fail(failure));
        var root = service("root").dependsOn(Dependencies.of(db).then(web));
        var rules = Invariants.of(root);

        var result = Simulation.seeded(3).journal(journal).run(facet -> facet.start(root));

        assertThat(result.thrown()).isSameAs(failure);
        assertThat(journal.count("db", "start")).isEqualTo(1);
        assertThat(journal.count("web", "start failed")).isEqualTo(1);
        assertThat(journal.count("db", "stop failed")).isEqualTo(1);
        rules.check(journal);
    }

    @Test
    void aStartThatThrewIsNotInterruptedByItsOwnFailure() throws Exception {
        var failure = new IOException("cannot start");
        var web = service("web").onStart(Action.fail(failure));
        var root = service("root").dependsOn(Dependencies.of(web));

        for (long seed = 0; seed < 20; seed++) {
            var engine = new Journal();
            var result = Simulation.seeded(seed).journal(engine).run(facet -> facet.start(root));
            assertThat(result.thrown()).as("seed %d", seed).isSameAs(failure);
            assertThat(engine.lines()).as("seed %d", seed)
                    .contains("web start failed", "root engine call failed")
                    .doesNotContain("web engine interrupts start()");
        }
    }

    @Test
    void codeOutsideASimulationSleepsForReal() throws Exception {
        assertThat(Simulation.active()).isFalse();
        long before = System.nanoTime();
        Facet.sleep(Duration.ofMillis(5));
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(5_000_000);
    }

    @Test
    void aStartOfAServiceStillStoppingWaitsForTheStopInsteadOfSpinning() throws Exception {
        var slow = service("slow").onStop(Action.sleep(Duration.ofSeconds(1)));

        var result = Simulation.seeded(8).stepBudget(100_000).run(facet -> {
            var first = facet.start(slow);
            var closer = service("closer").onStart(self -> self.addScriptedTask(task -> first.close()));
            var closing = facet.start(closer);
            Facet.sleep(Duration.ofMillis(1)); // the task began the close: slow stops
            facet.start(slow).close(); // a spin would never let the clock reach 1 s
            closing.close();
            return null;
        });

        assertThat(result.thrown()).isNull();
        assertThat(result.virtualTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(journal.lines()).containsSubsequence("slow stop", "slow stopped", "slow start",
                "slow started");
    }

    @Test
    void startAsyncOfAServiceStillStoppingWaitsForTheStopInsteadOfSpinning() throws Exception {
        var slow = service("slow").onStop(Action.sleep(Duration.ofSeconds(1)));

        var result = Simulation.seeded(9).stepBudget(100_000).run(facet -> {
            var first = facet.start(slow);
            var closer = service("closer").onStart(self -> self.addScriptedTask(task -> first.close()));
            var closing = facet.start(closer);
            Facet.sleep(Duration.ofMillis(1));
            var again = facet.startAsync(slow);
            Facet.sleep(Duration.ofSeconds(2));
            assertThat(again).isDone();
            again.join().close();
            closing.close();
            return null;
        });

        assertThat(result.thrown()).isNull();
        assertThat(journal.lines()).containsSubsequence("slow stop", "slow stopped", "slow start",
                "slow started", "slow stop", "slow stopped");
    }

    @Test
    void aDependencyWhoseTimeoutEndsWithItsDependentsStopsUnderThatOneDeadline() throws Exception {
        var dependency = service("dependency").timeout(Duration.ofSeconds(1))
                .onStop(Action.hangIgnoringInterrupts());
        var root = service("root").timeout(Duration.ofSeconds(1))
                .dependsOn(Dependencies.of(dependency));

        // root stops in no time: the dependency's own deadline falls at the same instant
        var result = Simulation.seeded(10).run(facet -> {
            facet.start(root).close();
            return null;
        });

        assertThat(result.thrown()).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessage("graceful shutdown timed out: root did not stop within 1s;"
                        + " still stopping: dependency in stop()");
    }

    @Test
    void aServiceThatStoppedUnderADeadlineAndStartsAgainIsNotGivenUpByThatDeadline()
            throws Exception {
        var stops = new AtomicInteger();
        var shared = service("shared").timeout(Duration.ofMinutes(1)).onStop(self -> {
            if (stops.incrementAndGet() == 2) {
                Facet.sleep(Duration.ofSeconds(20)); // its second stop takes a while
            }
        });
        var slow = service("slow").timeout(Duration.ofMinutes(1))
                .onStop(Action.sleep(Duration.ofSeconds(10)));
        var first = service("first").timeout(Duration.ofSeconds(5))
                .dependsOn(Dependencies.parallel(shared, slow));
        var second = service("second").timeout(Duration.ofMinutes(1))
                .dependsOn(Dependencies.of(shared));

        var result = Simulation.seeded(11).run(facet -> {
            var firstRunning = facet.start(first);
            var closer = service("closer").onStart(self -> self.addScriptedTask(task -> {
                Throwable timedOut = catchThrowableOfType(ShutdownTimeoutException.class,
                        firstRunning::close); // slow outlives first's 5 s
                journal.record("closer", "first closed: " + timedOut.getMessage());
            }));
            var closing = facet.start(closer);
            Facet.sleep(Duration.ofSeconds(1)); // shared stopped under first's deadline
            // shared starts again and stops under second's deadline; first's, at 5 s, is not its
            facet.start(second).close();
            journal.record("caller", "second closed");
            closing.close();
            return null;
        });

        assertThat(result.thrown()).isNull();
        assertThat(journal.lines()).containsSubsequence("shared stopped", "shared start",
                "closer first closed: graceful shutdown timed out: first did not stop within 5s;"
                        + " still stopping: slow in stop()",
                "shared stopped", "caller second closed");
    }

    /** Waits, in virtual time, until {@code other} says it arrived; says it arrived first. */
    private static Action meet(AtomicBoolean arrived, AtomicBoolean other) {
        return self -> {
            arrived.set(true);
            while (!other.get()) {
                Facet.sleep(Duration.ofMillis(1));
            }
        };
    }

    @Test
    void theServicesOfAStepAfterASequenceAllStartWhateverTheSchedule() throws Exception {
        for (long seed = 0; seed < 40; seed++) {
            var local = new Journal();
            var bArrived = new AtomicBoolean();
            var cArrived = new AtomicBoolean();
            var first = ScriptedService.named("first", local);
            var b = ScriptedService.named("b", local).onStart(meet(bArrived, cArrived));
            var c = ScriptedService.named("c", local).onStart(meet(cArrived, bArrived));
            // b and c are handed out by the worker that ran first's start, not by the caller
            var root = ScriptedService.named("root", local)
                    .dependsOn(Dependencies.of(first).thenParallel(b, c));

            var result = Simulation.seeded(seed).timeBudget(Duration.ofSeconds(10)).run(facet -> {
                facet.start(root).close();
                return null;
            });

            assertThat(result.thrown()).as("seed %d", seed).isNull();
            assertThat(local.lines()).as("seed %d", seed).contains("root started");
        }
    }
}
