package facet.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Service;
import org.junit.jupiter.api.Test;

/** Names never fail: a toString() that throws or returns null falls back, and says so. */
class ServiceNamesTest {

    static final class Database implements Service {}

    static final class Named implements Service {
        @Override
        public String toString() {
            return "primary";
        }
    }

    static final class Throws implements Service {
        @Override
        public String toString() {
            throw new IllegalStateException("x");
        }
    }

    static final class ReturnsNull implements Service {
        @Override
        @SuppressWarnings({"ToStringReturnsNull", "NullAway"}) // the very case under test
        public String toString() {
            return null;
        }
    }

    @Test
    void aServiceIsNamedByItsToStringOrElseItsClass() {
        assertThat(ServiceNames.name(new Database())).isEqualTo("Database");
        assertThat(ServiceNames.name(new Named())).isEqualTo("primary");
        assertThat(ServiceNames.name(null)).isEqualTo("null");
    }

    @Test
    void aToStringThatThrowsGivesTheClassAndIdentityAndSaysSo() {
        var broken = new Throws();

        assertThat(ServiceNames.name(broken)).isEqualTo("Throws@"
                + Integer.toHexString(System.identityHashCode(broken))
                + " (its toString() threw IllegalStateException)");
    }

    @Test
    void aToStringThatReturnsNullGivesTheClassAndIdentityAndSaysSo() {
        var empty = new ReturnsNull();

        assertThat(ServiceNames.name(empty)).isEqualTo("ReturnsNull@"
                + Integer.toHexString(System.identityHashCode(empty))
                + " (its toString() returned null)");
    }
}
