package facet.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The import the rules run on holds every production package, and no test class. */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class ProductionImportTest {

    @Test
    void importHoldsEveryProductionPackage() {
        var packages = ProductionClasses.get().stream().map(JavaClass::getPackageName).distinct();
        assertThat(packages)
                .as("packages imported from the class path; a rule over a missing one passes"
                        + " on nothing")
                .containsAll(ProductionClasses.EXPECTED_PACKAGES);
    }

    @Test
    void importHoldsNoTestClass() {
        assertThat(ProductionClasses.get().stream().map(JavaClass::getName))
                .as("test classes are not production code")
                .noneMatch(name -> name.startsWith("facet.tests."));
        // an annotation such as facet.junit.SimulatedTest marks tests; it is not one
        assertThat(ProductionClasses.get().stream().filter(type -> !type.isAnnotation())
                .map(JavaClass::getName))
                .as("test classes are not production code")
                .noneMatch(name -> name.endsWith("Test"));
    }
}
