package facet.testkit;

import java.util.stream.Stream;

/** The compiled example of the javadoc of {@link Scenarios}. */
final class ScenariosSnippets {

    static Stream<Scenario> generateAndShrink(long seed) {
        // @start region=generate
        Scenario scenario = Scenarios.generate(seed);
        Stream<Scenario> smaller = Scenarios.shrink(scenario);
        // @end
        return smaller;
    }
}
