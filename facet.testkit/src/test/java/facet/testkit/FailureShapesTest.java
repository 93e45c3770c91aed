package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.FailureContext;
import facet.api.Running;
import facet.api.ShutdownTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shapes that checks written outside the project broke the engine with, each on many
 * seeds of the deterministic backend: every seed must give the one right outcome, and the
 * {@link Invariants} must hold. Each test failed on the engine before the fix that made it
 * pass (see its javadoc).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FailureShapesTest {

    /** Whether a suppressed exception is a failure, not the context the engine attaches. */
    private static boolean isFailure(Throwable suppressed) {
        return !(suppressed instanceof FailureContext);
    }

    private static final int SEEDS = 200;

    private final Journal scripts = new Journal(); // the services' own records, unused here

    private ScriptedService service(String name) {
        return ScriptedService.named(name, scripts);
    }

    /** A graph whose start fails: its root, and the failure the start must throw. */
    private record FailingStart(ScriptedService root, Throwable failure) {}

    /**
     * On every seed, the start of {@code graph}'s root throws its failure, nothing starts once
     * the engine knew, and the rules hold.
     */
    private void nothingStartsAfterTheFailure(java.util.function.Supplier<FailingStart> graph)
            throws Exception {
        for (long seed = 0; seed < SEEDS; seed++) {
            FailingStart start = graph.get();
            var journal = new Journal();
            var invariants = Invariants.of(start.root());

            var result = Simulation.seeded(seed).journal(journal)
                    .run(facet -> facet.start(start.root()));

            assertThat(result.thrown()).as("seed %d", seed).isSameAs(start.failure());
            assertThat(startsAfterTheFailure(journal, start.root().toString()))
                    .as("seed %d", seed).isEmpty();
            assertThat(invariants.violations(journal)).as("seed %d: %s", seed, journal).isEmpty();
        }
    }

    /** Every {@code start} entry after the engine knew the start of {@code root} failed. */
    private static List<String> startsAfterTheFailure(Journal journal, String root) {
        int failed = journal.indexOf(root, "engine call failed");
        assertThat(failed).as("the engine knew the start failed: %s", journal).isNotNegative();
        return journal.entries().stream()
                .filter(entry -> entry.index() > failed && entry.kind() == Journal.EntryKind.START)
                .map(Journal.Entry::toString).toList();
    }

    /**
     * {@code r = parallel(a, b)}, {@code a = parallel(c, f)}, {@code b = of(d).then(e)}: once
     * {@code f} fails, nothing else starts. Before the fix, {@code d} was started after the
     * rollback had stopped {@code c}, on nearly every seed.
     */
    @Test
    void aFailureInOneBranchStartsNothingMoreInTheOther() throws Exception {
        nothingStartsAfterTheFailure(() -> {
            var failure = new IOException("f cannot start");
            var f = service("f").onStart(Action.fail(failure));
            var a = service("a").dependsOn(Dependencies.parallel(service("c"), f));
            var b = service("b").dependsOn(Dependencies.of(service("d")).then(service("e")));
            return new FailingStart(service("r").dependsOn(Dependencies.parallel(a, b)), failure);
        });
    }

    /**
     * {@code app = parallel(cache, web)}, {@code cache = parallel(disk, net).then(api)},
     * {@code web = of(auth).then(api)}, {@code auth = of(net)}: once {@code auth} fails,
     * {@code api} (shared through both branches) does not start. Before the fix it did, after
     * {@code auth} had failed, on most seeds.
     */
    @Test
    void aServiceSharedThroughTwoBranchesIsNotStartedForAFailedStart() throws Exception {
        nothingStartsAfterTheFailure(() -> {
            var failure = new IOException("auth cannot start");
            var net = service("net");
            var api = service("api");
            var auth = service("auth").dependsOn(Dependencies.of(net))
                    .onStart(Action.fail(failure));
            var cache = service("cache")
                    .dependsOn(Dependencies.parallel(service("disk"), net).then(api));
            var web = service("web").dependsOn(Dependencies.of(auth).then(api));
            return new FailingStart(service("app").dependsOn(Dependencies.parallel(cache, web)),
                    failure);
        });
    }

    /**
     * A root whose task throws at once, over a dependency whose stop() throws: whether the
     * crash lands before or after the start returns, the caller of {@code start} then
     * {@code close} gets the crash, with the stop failure under it. Before the fix, close()
     * threw the stop failure alone on about half the seeds.
     */
    @Test
    void aCrashRacingTheEndOfItsStartReachesTheCallerOneWay() throws Exception {
        int failedStarts = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            var crash = new IOException("the task failed at once");
            var stopFailure = new IOException("the dependency's stop failed");
            var dependency = service("dependency").onStop(Action.fail(stopFailure));
            var root = service("root").dependsOn(Dependencies.of(dependency))
                    .onStart(self -> self.addScriptedTask(Action.fail(crash)));
            var journal = new Journal();
            var invariants = Invariants.of(root);

            var result = Simulation.seeded(seed).journal(journal).run(facet -> {
                Running<ScriptedService> running = facet.start(root);
                running.close();
                return null;
            });

            assertThat(result.thrown()).as("seed %d: %s", seed, journal).isSameAs(crash);
            assertThat(crash.getSuppressed()).filteredOn(FailureShapesTest::isFailure)
                    .as("seed %d", seed)
                    .containsExactly(stopFailure);
            assertThat(invariants.violations(journal)).as("seed %d: %s", seed, journal).isEmpty();
            failedStarts += journal.indexOf("root", "caller start threw") >= 0 ? 1 : 0;
        }
        assertThat(failedStarts).as("the crash landed before the start returned on some seeds,"
                + " after it on others").isBetween(1, SEEDS - 1);
    }

    /** As above, in a try-with-resources that awaits: the same outcome, and no self-suppression. */
    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void aCrashRacingTheEndOfItsStartReachesAnAwaitingCallerOneWay() throws Exception {
        for (long seed = 0; seed < SEEDS; seed++) {
            var crash = new IOException("the task failed at once");
            var stopFailure = new IOException("the dependency's stop failed");
            var dependency = service("dependency").onStop(Action.fail(stopFailure));
            var root = service("root").dependsOn(Dependencies.of(dependency))
                    .onStart(self -> self.addScriptedTask(Action.fail(crash)));

            var result = Simulation.seeded(seed).run(facet -> {
                try (var running = facet.start(root)) {
                    running.await();
                }
                return null;
            });

            assertThat(result.thrown()).as("seed %d", seed).isSameAs(crash);
            assertThat(crash.getSuppressed()).filteredOn(FailureShapesTest::isFailure)
                    .as("seed %d", seed)
                    .containsExactly(stopFailure);
        }
    }

    /**
     * {@code r = of(ok, bad)}: {@code bad.start()} throws a failure that refuses suppression,
     * {@code ok.stop()} throws too. The caller gets the start's failure, and the stop's is
     * logged. Before the fix it was dropped, with no trace at any level.
     */
    @Test
    void aFailureThatRefusesSuppressionHidesNoOther() throws Exception {
        for (long seed = 0; seed < 20; seed++) {
            var refusing = new RefusesSuppression("bad cannot start");
            var stopFailure = new IOException("ok cannot stop");
            var ok = service("ok").onStop(Action.fail(stopFailure));
            var r = service("r").dependsOn(Dependencies.of(ok, service("bad")
                    .onStart(Action.fail(refusing))));
            var journal = new Journal();
            var invariants = Invariants.of(r);

            var result = Simulation.seeded(seed).journal(journal).run(facet -> facet.start(r));

            assertThat(result.thrown()).isSameAs(refusing);
            assertThat(journal.entries()).anySatisfy(entry -> {
                assertThat(entry.event()).isEqualTo("engine logged WARNING");
                assertThat(entry.failure()).isSameAs(stopFailure);
            });
            assertThat(invariants.violations(journal)).as("seed %d: %s", seed, journal).isEmpty();
        }
    }

    /**
     * A zero timeout is over before the stop() begins on some seeds: the timeout then says the
     * service was waiting to stop, and says it was in stop() only where it was. Before the fix
     * it always said "in stop()".
     */
    @Test
    void aTimeoutSaysWhereEachServiceReallyWas() throws Exception {
        int waiting = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            var stuck = service("stuck").timeout(Duration.ZERO)
                    .onStop(Action.hangIgnoringInterrupts());
            var journal = new Journal();

            var result = Simulation.seeded(seed).journal(journal).run(facet -> {
                facet.start(stuck).close();
                return null;
            });

            assertThat(result.thrown()).isInstanceOf(ShutdownTimeoutException.class);
            boolean begun = journal.indexOf("stuck", "stop")
                    < journal.indexOf("stuck", "engine interrupts stop()");
            assertThat(result.thrown()).as("seed %d: %s", seed, journal).hasMessage(
                    "graceful shutdown timed out: stuck did not stop within 0s; still stopping: "
                            + (begun ? "stuck in stop()" : "stuck waiting to stop"));
            waiting += begun ? 0 : 1;
        }
        assertThat(waiting).as("both cases are met").isBetween(1, SEEDS - 1);
    }

    /**
     * {@code p = of(q).then(r)}, {@code r = of(s)}, with a start of {@code r} alone abandoned
     * (its future cancelled) while {@code q} starts: {@code r} goes on for {@code p}, which
     * holds it, but only once {@code p} asks for it. {@code r} stands down at once: it does not
     * start when {@code s} runs, and {@code s}, which began, is not interrupted, since
     * {@code p} will need it.
     */
    @Test
    void anAbandonedStartLeavesWhatALiveStartHoldsToIt() throws Exception {
        for (long seed = 0; seed < SEEDS; seed++) {
            var alone = new java.util.concurrent.atomic.AtomicReference<
                    java.util.concurrent.CompletableFuture<?>>();
            var s = service("s").onStart(Action.sleep(Duration.ofMillis(100)));
            var r = service("r").dependsOn(Dependencies.of(s))
                    .onStart(Action.sleep(Duration.ofMillis(500)));
            var q = service("q").onStart(self -> {
                alone.get().cancel(true); // the caller of r's own start gives up
                Facet.sleep(Duration.ofSeconds(1));
            });
            var p = service("p").dependsOn(Dependencies.of(q).then(r));
            var journal = new Journal();
            var invariants = Invariants.of(p, r);

            var result = Simulation.seeded(seed).journal(journal).run(facet -> {
                alone.set(facet.startAsync(r));
                facet.start(p).close();
                return null;
            });

            assertThat(result.thrown()).as("seed %d: %s", seed, journal).isNull();
            for (String once : List.of("s", "r")) {
                assertThat(journal.count(once, "start")).as("seed %d", seed).isOne();
                assertThat(journal.count(once, "started")).as("seed %d", seed).isOne();
            }
            assertThat(journal.indexOf("r", "start")).as("r waits for p to ask")
                    .isGreaterThan(journal.indexOf("q", "started"));
            assertThat(invariants.violations(journal)).as("seed %d: %s", seed, journal).isEmpty();
        }
    }

    /** The journal has the engine's decisions where it made them, between the hooks. */
    @Test
    void theEnginesDecisionsAreJournaledWhereTheyAreMade() throws Exception {
        var failure = new IOException("bad cannot start");
        var crash = new IOException("a task crashed");
        var slow = service("slow").onStart(Action.sleep(Duration.ofMinutes(1)));
        var bad = service("bad").onStart(Action.fail(failure));
        var failing = service("failing").dependsOn(Dependencies.parallel(slow, bad));
        var busy = service("busy").onStart(self -> self.addScriptedTask(
                Action.hangInterruptibly()));
        var crashing = service("crashing").onStart(self -> self.addScriptedTask(task -> {
            Facet.sleep(Duration.ofSeconds(1));
            throw crash;
        }));
        var journal = new Journal();

        Simulation.seeded(1).journal(journal).run(facet -> {
            try {
                facet.start(failing);
            } catch (IOException expected) {
                // the journal has it
            }
            facet.start(busy).close();
            var running = facet.start(crashing);
            Facet.sleep(Duration.ofSeconds(2));
            try {
                running.close();
            } catch (IOException expected) {
                // the crash: close() owes it
            }
            return null;
        });

        assertThat(journal.lines()).containsSubsequence("bad start failed",
                "failing engine call failed", "slow engine interrupts start()",
                "slow start failed");
        assertThat(journal.lines()).containsSubsequence("busy stop", "busy stopped",
                "busy engine cancels tasks", "busy task failed");
        assertThat(journal.lines()).containsSubsequence("crashing task failed",
                "crashing engine crash", "crashing engine logged ERROR", "crashing stop");
        assertThat(journal.count("busy", "engine cancels tasks")).isOne();
        assertThat(journal.count("crashing", "engine cancels tasks"))
                .as("its one task is over: nothing to cancel").isZero();
    }

    /** A failure built with suppression disabled, as some libraries' exceptions are. */
    private static final class RefusesSuppression extends Exception {
        @java.io.Serial private static final long serialVersionUID = 1L;

        RefusesSuppression(String message) {
            super(message, null, false, false);
        }
    }
}
