package facet.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import facet.testkit.PropertyFailure;
import facet.testkit.SimulationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@link SimulatedTest}: a method over many seeds, a failure shrunk, one seed rerun alone. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SimulatedTestTest {

    private static Events tests(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute()
                .testEvents();
    }

    private static Throwable failureOf(Events events) {
        return events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    @BeforeEach
    void reset() {
        Samples.reset();
    }

    @Test
    void aCorrectApplicationPassesEveryTry() {
        tests(Samples.CorrectApplication.class)
                .assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(Samples.CALLS).hasValue(40);
    }

    @Test
    void aPlantedBugFailsWithItsSeedTheShrunkScheduleAndTheLineThatReplaysIt() {
        var events = tests(Samples.PlantedBug.class);

        events.assertStatistics(stats -> stats.started(1).failed(1));
        var failure = failureOf(events);
        assertThat(failure).isInstanceOfSatisfying(PropertyFailure.class, property -> {
            assertThat(property.shrinks()).isPositive();
            assertThat(property.described()).startsWith("Simulation.replaying(List.of(");
            assertThat(property).hasMessageContaining("seed " + property.seed())
                    .hasRootCauseMessage("the pool is not connected");
            assertThat(property.getCause()).isInstanceOfSatisfying(SimulationException.class,
                    thrown -> assertThat(thrown.replay()).isEqualTo(property.described()));
        });
    }

    @Test
    void theSeedAReportNamesRunsAloneAndFailsAgain() {
        var reported = (PropertyFailure) failureOf(tests(Samples.PlantedBug.class));
        Samples.reset();

        System.setProperty(SimulationExtension.ONE_SEED, Long.toString(reported.seed()));
        Events events;
        try {
            events = tests(Samples.PlantedBug.class);
        } finally {
            System.clearProperty(SimulationExtension.ONE_SEED);
        }

        assertThat(Samples.CALLS).hasValue(1);
        assertThat(failureOf(events)).isInstanceOfSatisfying(SimulationException.class, thrown ->
                assertThat(thrown.replay()).isEqualTo("Simulation.seeded(" + reported.seed()
                        + "L)"));
    }

    @Test
    void aMethodWithoutASimulationParameterIsAnErrorThatSaysSo() {
        var events = tests(Samples.NoSimulationParameter.class);

        assertThat(failureOf(events)).hasMessageContaining("forgot takes no Simulation parameter");
        assertThat(Samples.CALLS).hasValue(0);
    }
}
