package facet.engine.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The door to the engine's internals opens for the testkit only. */
class TestkitAccessTest {

    @Test
    void aCallerOutsideTheTestkitIsRefusedByName() {
        // a lambda, not a method reference: its body is a method of this class, the caller
        assertThatThrownBy(() -> TestkitAccess.open())
                .isInstanceOf(IllegalCallerException.class)
                .hasMessage("facet.engine.spi.TestkitAccessTest may not open the engine's"
                        + " internals: only facet.testkit may");
    }
}
