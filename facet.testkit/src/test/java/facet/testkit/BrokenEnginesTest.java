package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import facet.engine.Mutation;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The properties bite: on an engine broken on purpose, the scenario property fails, and shrinks
 * the failure to a small scenario that names the rule broken.
 */
class BrokenEnginesTest {

    @ParameterizedTest(name = "{0} is caught as a break of {1}")
    @CsvSource({
        "STOP_STEPS_IN_START_ORDER, R2",
        "SKIP_ROLLBACK, R4",
        "DROP_SUPPRESSED_STOP_FAILURES, R5"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBrokenEngineIsCaughtWithAShrunkCounterexample(Mutation mutation, String rule) {
        var failure = catchThrowableOfType(AssertionError.class, () ->
                Property.forAll(Scenarios::generate)
                        .shrinking(Scenarios::shrink)
                        .describedBy(scenario -> "Scenario.parse(\"" + scenario + "\")")
                        .tries(2_000)
                        .check(scenario -> assertThat(scenario.run(Set.of(mutation)).violations())
                                .isEmpty()));

        assertThat(failure).as("the property caught the broken engine").isNotNull();
        String report = String.valueOf(failure.getMessage());
        System.out.println(mutation + " caught:\n" + report);
        assertThat(report).contains("shrunk").contains("(" + rule + ")");
        String minimal = report.lines()
                .filter(line -> line.contains("Scenario.parse")).findFirst().orElseThrow();
        assertThat(Scenario.parse(minimal.substring(minimal.indexOf('"') + 1,
                minimal.lastIndexOf('"'))).services()).as("shrunk to a few services")
                .hasSizeLessThanOrEqualTo(5); // a failure that needs one interleaving shrinks less
    }
}
