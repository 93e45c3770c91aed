package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine on generated scenarios, in the deterministic backend: the rules always hold, and
 * one seed gives one exact run. With {@link StatefulPropertyTest}, more than 10,000 generated
 * scenarios per build.
 */
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
                .tries(10_000)
                .check(scenario -> assertThat(scenario.run().violations()).isEmpty());
    }

    /** Found by the property: the checker took a service listed in two steps for two services. */
    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aServiceListedInTwoStepsCountsWhereItIsListedFirst() throws Exception {
        Scenario scenario = Scenario.parse(
                "s0[1|1]t10000{} s1[]t10000{} roots=0 close=0 seed=-1486484876608266342 choices=0");
        assertThat(scenario.run().violations()).isEmpty();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void oneSeedGivesOneExactRun() {
        Property.forAll(Scenarios::generate)
                .describedBy(ScenarioPropertiesTest::replay)
                .tries(300)
                .check(scenario -> {
                    Scenario.Outcome first = scenario.run();
                    Scenario.Outcome second = scenario.run();
                    assertThat(second.journal().entries()).isEqualTo(first.journal().entries());
                    assertThat(second.scenario().choices())
                            .isEqualTo(first.scenario().choices());
                    assertThat(second.steps()).isEqualTo(first.steps());
                });
    }
}
