package facet.tests.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No package cycles. Module cycles need no rule: JPMS and the Maven reactor reject them at
 * build time.
 *
 * <p>One pair of packages is one slice, on purpose: {@code facet.api} and its bootstrap SPI
 * {@code facet.api.spi}. The API finds its engine through the SPI ({@code Facet} calls
 * {@code FacetProvider}), and the SPI speaks the API's types ({@code Service}, {@code Running}):
 * a bootstrap SPI is the API's other face, as {@code java.nio.file.spi} is
 * {@code java.nio.file}'s. Every other package is a slice of its own.
 */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class CycleRulesTest {

    /** One slice per package, {@code facet.api.spi} counted as {@code facet.api}. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("facet.")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(name.equals("facet.api.spi") ? "facet.api" : name);
        }

        @Override
        public String getDescription() {
            return "packages of facet, with facet.api.spi as part of facet.api";
        }
    };

    @Test
    void noPackageCycles() {
        slices().assignedFrom(PACKAGES)
                .should().beFreeOfCycles()
                .because("packages form layers: each can be understood, tested and split off"
                        + " without the ones above it")
                .check(ProductionClasses.get());
    }
}
