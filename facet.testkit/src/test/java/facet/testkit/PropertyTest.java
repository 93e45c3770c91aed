package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The property runner: a failure's seed, try and shrunk value are data, and they replay it. */
class PropertyTest {

    private static Property<Long> percentages() {
        return Property.forAll(seed -> Math.floorMod(seed, 100L))
                .shrinking(value -> value > 0 ? Stream.of(value / 2, value - 1) : Stream.empty())
                .seed(11);
    }

    @Test
    void aFailureCarriesItsSeedTryAndShrunkValue() {
        var generated = new ArrayList<Long>();
        var failure = catchThrowableOfType(PropertyFailure.class, () -> percentages()
                .tries(1_000)
                .check(value -> {
                    generated.add(value);
                    assertThat(value).isLessThan(50L);
                }));

        assertThat(failure).isNotNull();
        assertThat(failure.baseSeed()).isEqualTo(11L);
        assertThat(failure.tries()).isEqualTo(1_000);
        assertThat(failure.shrunk()).isEqualTo(50L);
        assertThat(failure.described()).isEqualTo("50");
        assertThat(failure.shrinks()).isPositive();
        // the try it names is the first that failed, and its seed generates that value again
        long first = generated.get(failure.attempt() - 1);
        assertThat(first).isGreaterThanOrEqualTo(50L);
        assertThat(generated.subList(0, failure.attempt() - 1)).allMatch(value -> value < 50L);
        assertThat(failure.seed()).isEqualTo(Property.seedOf(11, failure.attempt() - 1));
        assertThat(Math.floorMod(failure.seed(), 100L)).isEqualTo(first);
        assertThat(failure).hasMessageContaining("seed " + failure.seed())
                .hasMessageContaining("-Dfacet.property.seed=11")
                .cause().isInstanceOf(AssertionError.class);
    }

    @Test
    void aPropertyThatHoldsThrowsNothing() {
        var checked = new ArrayList<Long>();
        percentages().tries(200).check(value -> checked.add(value));

        assertThat(checked).hasSize(200).allMatch(value -> value >= 0 && value < 100);
    }
}
