package facet.testkit;

import java.util.stream.Stream;

/** The compiled example of the javadoc of {@link Scenarios}. */
final class ScenariosSnippets {

    static Stream<GeneratedScenario> generateAndShrink(long seed) {
        // @start region=generate
        GeneratedScenario scenario = Scenarios.generate(seed);
        Stream<GeneratedScenario> smaller = Scenarios.shrink(scenario);
        // @end
        return smaller;
    }
}
