package facet.tests.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The production classes of the facet modules on this suite's class path, imported once for
 * every rule: the jars of facet.api, facet.engine, both executors, facet.testkit, facet.junit,
 * facet.micrometer, facet.health and facet.examples, without test classes
 * ({@code target/test-classes}, this suite's own included).
 */
final class ProductionClasses {

    /** The engine's packages that are not API: every one but {@code facet.engine.spi}. */
    static final String[] ENGINE_INTERNALS = {
        "facet.engine",
        "facet.engine.lifecycle",
        "facet.engine.work",
        "facet.engine.graph",
        "facet.engine.event",
        "facet.engine.jfr"
    };

    /** The packages the import must hold: without them a rule would pass on nothing. */
    static final List<String> EXPECTED_PACKAGES = List.of(
            "facet.api",
            "facet.api.spi",
            "facet.engine",
            "facet.engine.lifecycle",
            "facet.engine.work",
            "facet.engine.graph",
            "facet.engine.event",
            "facet.engine.jfr",
            "facet.engine.spi",
            "facet.executor.threads",
            "facet.executor.virtual",
            "facet.testkit",
            "facet.junit",
            "facet.micrometer",
            "facet.health",
            "facet.examples");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("facet");

    private ProductionClasses() {}

    static JavaClasses get() {
        return CLASSES;
    }
}
