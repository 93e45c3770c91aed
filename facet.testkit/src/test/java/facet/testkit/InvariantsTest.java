package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Dependencies;
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
            Simulation.sleep(Duration.ofSeconds(2));
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
}
