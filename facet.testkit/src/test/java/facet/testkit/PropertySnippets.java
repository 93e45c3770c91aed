package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

/** The compiled example of the javadoc of {@link Property}. */
final class PropertySnippets {

    /** Stands in for JUnit's {@code @Test}: this class is compiled, never run. */
    @interface Test {}

    // @start region=forAll
    @Test
    void generatedScenariosKeepTheRules() {
        Property.forAll(Scenarios::generate)
                .shrinking(Scenarios::shrink)
                .describedBy(scenario -> "GeneratedScenario.parse(\"" + scenario + "\").run()")
                .tries(1_000)
                .check(scenario -> assertThat(scenario.run().violations()).isEmpty());
    }
    // @end

    // @start region=failure
    @Test
    void theFailingSeedIsData() {
        var failure = catchThrowableOfType(PropertyFailure.class, () ->
                Property.forAll(seed -> Math.floorMod(seed, 100))
                        .shrinking(value -> value > 0 ? Stream.of(value / 2, value - 1)
                                : Stream.empty())
                        .check(value -> assertThat(value).isLessThan(50)));
        assertThat(failure.shrunk()).isEqualTo(50);                // the smallest failing value
        assertThat(failure.seed()).isEqualTo(Property.seedOf(failure.baseSeed(),
                failure.attempt() - 1));                           // the seed of the failing try
    }
    // @end
}
