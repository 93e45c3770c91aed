package facet.tests.rules;

import static facet.tests.rules.Suppressed.failuresUnder;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.ShutdownTimeoutException;
import facet.testkit.Action;
import facet.testkit.Journal;
import facet.testkit.ScriptedService;
import facet.testkit.Simulation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R3, R4, R7 and R9 at the edges only an exact order reaches: a caller that gives up while a
 * start it shares runs, a {@code start()} that returns after it was cut short, a task that
 * ignores its cancel until the deadline. Each runs in the testkit's virtual time, where an
 * order set by sleeps is the same on every run and every seed; several seeds each, so the
 * outcome does not hang on one schedule.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExactOrderTest {

    private static final int SEEDS = 20;

    private Journal journal = new Journal();

    private ScriptedService service(String name) {
        return ScriptedService.named(name, journal);
    }

    private List<String> linesOf(String service) {
        return journal.entries().stream().filter(entry -> entry.service().equals(service))
                .map(Journal.Entry::event).toList();
    }

    /** Sleeps an hour of virtual time; an interrupt ends the sleep, and the hook returns. */
    private static final Action SWALLOWS_ITS_INTERRUPT = self -> {
        try {
            Facet.sleep(Duration.ofHours(1));
        } catch (InterruptedException cutShort) {
            // returns as if nothing had happened: the engine must cope with that too
        }
    };

    @Test
    void aStartAnotherCallStillNeedsGoesOnWhenOneCallerGivesUp() throws Exception {
        for (long seed = 0; seed < SEEDS; seed++) {
            journal = new Journal();
            var quitting = new AtomicReference<CompletableFuture<?>>();
            var shared = service("shared").onStart(Action.sleep(Duration.ofMillis(10)));
            var quitter = service("quitter").dependsOn(Dependencies.of(shared));
            var first = service("first").onStart(self -> {
                Facet.sleep(Duration.ofMillis(1)); // shared's start() runs by then
                requireNonNull(quitting.get()).cancel(true);
                Facet.sleep(Duration.ofMillis(19));
            });
            // patient claims shared at once, but reaches its step only after first started
            var patient = service("patient").dependsOn(Dependencies.of(first).then(shared));

            var result = Simulation.seeded(seed).journal(journal).run(facet -> {
                quitting.set(facet.startAsync(quitter));
                try (Running<?> running = facet.start(patient)) {
                    return running.service();
                }
            });

            assertThat(result.thrown()).as("seed %d", seed).isNull();
            assertThat(result.value()).isSameAs(patient);
            assertThat(linesOf("shared")).as("seed %d: its start() is not interrupted", seed)
                    .containsExactly("start", "started", "stop", "stopped");
            assertThat(journal.entries()).as("seed %d", seed)
                    .filteredOn(entry -> entry.kind() == Journal.EntryKind.CALL_FAILED)
                    .singleElement().satisfies(failed -> {
                        assertThat(failed.service()).isEqualTo("quitter");
                        assertThat(failed.failure()).isInstanceOf(CancellationException.class);
                    });
        }
    }

    @Test
    void aStartCutShortThatReturnsAfterAllIsStoppedAndAStuckStopIsReportedInStop()
            throws Exception {
        for (long seed = 0; seed < SEEDS; seed++) {
            journal = new Journal();
            var late = service("late").timeout(Duration.ofSeconds(1))
                    .onStart(SWALLOWS_ITS_INTERRUPT).onStop(Action.hangIgnoringInterrupts());
            var failure = new IOException("no disk");
            var broken = service("broken").onStart(self -> {
                Facet.sleep(Duration.ofMillis(1)); // late's start() runs by then
                throw failure;
            });
            var root = service("root").dependsOn(Dependencies.parallel(late, broken));

            var result = Simulation.seeded(seed).journal(journal)
                    .run(facet -> facet.start(root));

            assertThat(result.thrown()).as("seed %d", seed).isSameAs(failure);
            assertThat(failuresUnder(failure)).singleElement()
                    .isInstanceOf(ShutdownTimeoutException.class)
                    .satisfies(timeout -> assertThat(timeout.getMessage())
                            .endsWith("still stopping: late in stop()"));
            assertThat(linesOf("late")).as("seed %d", seed).startsWith("start",
                    "engine interrupts start()", "started", "stop", "engine interrupts stop()");
        }
    }

    @Test
    void aStartThatGoesOnAfterItWasCutShortIsInterruptedOnceMoreAtTheDeadline() throws Exception {
        for (long seed = 0; seed < SEEDS; seed++) {
            journal = new Journal();
            var stubborn = service("stubborn").timeout(Duration.ofSeconds(1)).onStart(self -> {
                SWALLOWS_ITS_INTERRUPT.run(self); // the cut, as broken fails
                Facet.sleep(Duration.ofHours(1)); // the deadline's interrupt
            });
            var failure = new IOException("no disk");
            var broken = service("broken").onStart(self -> {
                Facet.sleep(Duration.ofMillis(1));
                throw failure;
            });
            var root = service("root").dependsOn(Dependencies.parallel(stubborn, broken));

            var result = Simulation.seeded(seed).journal(journal)
                    .run(facet -> facet.start(root));

            assertThat(result.thrown()).as("seed %d", seed).isSameAs(failure);
            assertThat(failuresUnder(failure)).singleElement()
                    .isInstanceOf(ShutdownTimeoutException.class)
                    .satisfies(timeout -> assertThat(timeout.getMessage())
                            .endsWith("still stopping: stubborn in start()"));
            assertThat(linesOf("stubborn")).as("seed %d: cut short once, then the deadline",
                    seed).startsWith("start", "engine interrupts start()",
                    "engine interrupts start()", "start failed");
        }
    }

    @Test
    void aTaskThatIgnoresItsCancelIsInterruptedAgainAtTheDeadline() throws Exception {
        for (long seed = 0; seed < SEEDS; seed++) {
            journal = new Journal();
            var busy = service("busy").timeout(Duration.ofSeconds(1)).onStart(self ->
                    self.addScriptedTask(task -> {
                        SWALLOWS_ITS_INTERRUPT.run(task); // the cancel, after stop()
                        Facet.sleep(Duration.ofHours(1)); // the deadline's interrupt
                    }));

            var result = Simulation.seeded(seed).journal(journal).run(facet -> {
                facet.start(busy).close();
                return null;
            });

            assertThat(result.thrown()).as("seed %d", seed)
                    .isInstanceOf(ShutdownTimeoutException.class)
                    .hasMessageEndingWith("still stopping: busy in its tasks");
            assertThat(linesOf("busy")).as("seed %d", seed).contains("task")
                    .containsSubsequence("started", "stop", "stopped", "engine cancels tasks",
                            "engine interrupts a task", "task failed");
            assertThat(journal.entries()).filteredOn(entry -> entry.event().equals("task failed"))
                    .singleElement().extracting(Journal.Entry::failure)
                    .as("seed %d: ended by the deadline's interrupt", seed)
                    .isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void aStartNothingNeedsBeforeItBeganIsDroppedAndSaysSoAtDebug() throws Exception {
        int dropped = 0;
        for (long seed = 0; seed < 5 * SEEDS; seed++) {
            journal = new Journal();
            var slow = service("slow").onStart(Action.sleep(Duration.ofMillis(10)));
            // a simulation keeps its own log, every level
            var result = Simulation.seeded(seed).journal(journal).run(facet ->
                    facet.startAsync(slow).cancel(true));
            boolean said = result.log().stream().anyMatch(line -> line.endsWith(
                    "] DEBUG slow: start() dropped before it began, nothing needs it"));
            assertThat(said).as("seed %d: dropped, or called: never both, never neither",
                    seed).isNotEqualTo(linesOf("slow").contains("start"));
            dropped += said ? 1 : 0;
        }
        assertThat(dropped).as("seeds whose start was dropped").isPositive();
    }
}
