package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import facet.api.Dependencies;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a simulation reports when something goes wrong: the application's own failure on the one
 * obvious call, a replay line that is Java and keeps the budgets, the stack of every strand, a
 * spin, and times a reader can read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulationReportTest {

    private final Journal journal = new Journal();

    private ScriptedService service(String name) {
        return ScriptedService.named(name, journal);
    }

    @Test
    void orThrowGivesTheValueOfARunThatThrewNothing() throws Exception {
        var app = service("app");

        var value = Simulation.seeded(3).run(facet -> {
            facet.start(app).close();
            return "done";
        }).orThrow();

        assertThat(value).isEqualTo("done");
    }

    @Test
    void orThrowFailsARunWhoseApplicationThrewWithTheLineThatReplaysIt() throws Exception {
        var refused = new IOException("port in use");
        var app = service("app").onStart(Action.fail(refused));
        var simulation = Simulation.seeded(4).stepBudget(50_000);

        var result = simulation.run(facet -> facet.start(app));
        var failure = catchThrowableOfType(SimulationException.class, result::orThrow);

        assertThat(result.thrown()).isSameAs(refused);
        assertThat(failure.kind()).isEqualTo(SimulationException.Kind.SCENARIO_FAILED);
        assertThat(failure).hasCause(refused);
        assertThat(failure.replay()).isEqualTo("Simulation.seeded(4L).stepBudget(50000)")
                .isEqualTo(result.replay()).isEqualTo(simulation.replayLine());
        assertThat(failure.getMessage()).startsWith("the scenario threw java.io.IOException: port"
                + " in use").endsWith("\nreplay: Simulation.seeded(4L).stepBudget(50000)");
    }

    @Test
    void theReplayLineIsTheJavaThatMakesTheSimulationWithItsBudgets() {
        assertThat(Simulation.seeded(-5).replayLine()).isEqualTo("Simulation.seeded(-5L)");
        assertThat(Simulation.seeded(5).stepBudget(500).timeBudget(Duration.ofHours(1))
                .watchdog(Duration.ofMillis(250)).replayLine())
                .isEqualTo("Simulation.seeded(5L).stepBudget(500)"
                        + ".timeBudget(Duration.ofHours(1)).watchdog(Duration.ofMillis(250))");
        assertThat(Simulation.seeded(5).timeBudget(Duration.ofSeconds(90)).replayLine())
                .isEqualTo("Simulation.seeded(5L).timeBudget(Duration.ofSeconds(90))");
        assertThat(Simulation.seeded(5).timeBudget(Duration.ofNanos(1_500)).replayLine())
                .isEqualTo("Simulation.seeded(5L).timeBudget(Duration.ofSeconds(0, 1500))");
        assertThat(Simulation.replaying(List.of(1, 0, 2)).replayLine())
                .isEqualTo("Simulation.replaying(List.of(1, 0, 2))");
    }

    @Test
    void aRunOnAScheduleOfYourOwnReportsItsChoicesAsTheReplayLine() {
        var never = service("never").onStart(Action.hangIgnoringInterrupts());
        var other = service("other");
        var root = service("root").dependsOn(Dependencies.parallel(never, other));
        Schedule lastOption = options -> options - 1;

        var failure = catchThrowableOfType(SimulationException.class,
                () -> Simulation.of(lastOption).timeBudget(Duration.ofHours(2))
                        .run(facet -> facet.start(root)));

        assertThat(failure.kind()).isEqualTo(SimulationException.Kind.DEADLOCK);
        assertThat(failure.replay()).startsWith("Simulation.replaying(List.of(")
                .endsWith(")).timeBudget(Duration.ofHours(2))");
        // the line replays the run: the same choices, the same deadlock
        var choices = failure.replay().substring("Simulation.replaying(List.of(".length(),
                failure.replay().indexOf("))"));
        var replayed = catchThrowableOfType(SimulationException.class, () -> Simulation.replaying(
                        choices.isEmpty() ? List.of() : Arrays.stream(choices.split(", "))
                                .map(Integer::valueOf).toList())
                .timeBudget(Duration.ofHours(2)).run(facet -> facet.start(root)));
        assertThat(replayed.kind()).isEqualTo(SimulationException.Kind.DEADLOCK);
        assertThat(replayed.replay()).isEqualTo(failure.replay());
    }

    @Test
    void oneSimulationRunTwiceIsOneRunTwice() throws Exception {
        var simulation = Simulation.seeded(77);
        List<Integer> first = parallelStart(simulation);
        List<Integer> second = parallelStart(simulation);

        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(parallelStart(Simulation.replaying(first))).isEqualTo(first);
    }

    private List<Integer> parallelStart(Simulation simulation) throws InterruptedException {
        var local = new Journal();
        var b = ScriptedService.named("b", local);
        var c = ScriptedService.named("c", local);
        var a = ScriptedService.named("a", local).dependsOn(Dependencies.parallel(b, c));
        return simulation.run(facet -> {
            facet.start(a).close();
            return null;
        }).choices();
    }

    @Test
    void aDeadlockReportShowsWhereEachStrandWaits() {
        var never = service("never").onStart(Action.hangIgnoringInterrupts());

        var failure = catchThrowableOfType(SimulationException.class,
                () -> Simulation.seeded(5).run(facet -> facet.start(never)));

        assertThat(failure.kind()).isEqualTo(SimulationException.Kind.DEADLOCK);
        // below each strand's line, the frames of the code that waits, the backend's left out
        assertThat(failure.getMessage())
                .containsPattern("facet-start-never \\(forked by [^)]*\\): waits for an interrupt[^"
                        + "\\n]*\\n      at facet\\.testkit\\.Action")
                .contains("at facet.testkit.SimulationReportTest")
                .doesNotContain("at facet.testkit.SimulatedBackend");
    }

    @Test
    void aStrandSpinningWithoutASchedulingPointIsReportedByTheWatchdog() {
        var released = new AtomicBoolean();
        var spinning = service("spinning").onStart(self -> {
            while (!released.get()) {
                Thread.onSpinWait(); // never reaches a scheduling point
            }
        });
        try {
            var failure = catchThrowableOfType(SimulationException.class,
                    () -> Simulation.seeded(8).watchdog(Duration.ofMillis(200))
                            .run(facet -> facet.start(spinning)));

            assertThat(failure.kind()).isEqualTo(SimulationException.Kind.WATCHDOG);
            assertThat(failure.getMessage()).contains("facet-start-spinning")
                    .contains("more than 200 ms of real time")
                    .contains("running without reaching a scheduling point")
                    .endsWith("replay: Simulation.seeded(8L).watchdog(Duration.ofMillis(200))");
            assertThat(Objects.requireNonNull(failure.getCause()).getStackTrace())
                    .extracting(StackTraceElement::getClassName)
                    .anyMatch(type -> type.startsWith(SimulationReportTest.class.getName()));
        } finally {
            released.set(true); // the strand goes on to a scheduling point, and ends there
        }
    }

    @Test
    void timesInReportsAreInReadableUnits() {
        assertThat(ReadableDuration.of(0)).isEqualTo("0 ns");
        assertThat(ReadableDuration.of(999)).isEqualTo("999 ns");
        assertThat(ReadableDuration.of(1_500)).isEqualTo("1.5 µs");
        assertThat(ReadableDuration.of(1_000_000)).isEqualTo("1 ms");
        assertThat(ReadableDuration.of(12_003_400)).isEqualTo("12.003 ms");
        assertThat(ReadableDuration.of(59_999_999_999L)).isEqualTo("59.999 s");
        assertThat(ReadableDuration.of(Duration.ofMinutes(10).toNanos())).isEqualTo("10 min");
        assertThat(ReadableDuration.of(Duration.ofSeconds(123, 250_000_000).toNanos()))
                .isEqualTo("2 min 3.25 s");
        assertThat(ReadableDuration.of(Duration.ofHours(25).plusMinutes(1)))
                .isEqualTo("25 h 1 min");
        assertThat(ReadableDuration.of(Duration.ofDays(365L * 1_000))).isEqualTo("365000 days");
    }
}
