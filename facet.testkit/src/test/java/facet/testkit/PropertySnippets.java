package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled example of the javadoc of {@link Property}. */
final class PropertySnippets {

    /** Stands in for JUnit's {@code @Test}: this class is compiled, never run. */
    @interface Test {}

    // @start region=forAll
    @Test
    void generatedScenariosKeepTheRules() {
        Property.forAll(Scenarios::generate)
                .shrinking(Scenarios::shrink)
                .describedBy(scenario -> "Scenario.parse(\"" + scenario + "\").run()")
                .tries(1_000)
                .check(scenario -> assertThat(scenario.run().violations()).isEmpty());
    }
    // @end
}
