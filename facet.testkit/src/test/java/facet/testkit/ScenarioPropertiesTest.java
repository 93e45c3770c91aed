package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine on generated scenarios, in the deterministic backend: the rules always hold. */
class ScenarioPropertiesTest {

    // (the "facet" logger is quiet in this module's tests: see logging.properties)

    private static String replay(Scenario scenario) {
        return "Scenario.parse(\"" + scenario + "\").run()";
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void generatedScenariosKeepTheRules() {
        Property.forAll(Scenarios::generate)
                .shrinking(Scenarios::shrink)
                .describedBy(ScenarioPropertiesTest::replay)
                .tries(2_000)
                .check(scenario -> assertThat(scenario.run().violations()).isEmpty());
    }
}
