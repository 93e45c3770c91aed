package facet.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Only the API packages are public: read from the module descriptors of the facet jars on the
 * class path (ArchUnit does not model {@code module-info}).
 */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class ModuleExportsTest {

    private static final Set<String> API_PACKAGES =
            Set.of("facet.api", "facet.api.spi", "facet.engine.spi", "facet.testkit", "facet.junit",
                    "facet.micrometer", "facet.health");

    /** Every facet module descriptor on the class path, by module name. */
    private static Map<String, ModuleDescriptor> facetModules() throws IOException {
        var modules = new TreeMap<String, ModuleDescriptor>();
        ClassLoader loader = ModuleExportsTest.class.getClassLoader();
        for (URL url : Collections.list(loader.getResources("module-info.class"))) {
            try (InputStream in = url.openStream()) {
                ModuleDescriptor descriptor = ModuleDescriptor.read(in);
                if (descriptor.name().startsWith("facet.")) {
                    modules.put(descriptor.name(), descriptor);
                }
            }
        }
        return modules;
    }

    @Test
    void modulesExportOnlyTheApiPackages() throws IOException {
        var modules = facetModules();
        assertThat(modules.keySet())
                .as("facet modules on the class path")
                .contains("facet.api", "facet.engine", "facet.executor.threads",
                        "facet.executor.virtual", "facet.testkit", "facet.junit",
                        "facet.micrometer", "facet.health");

        var exported = new TreeSet<String>();
        var qualifiedTargets = new TreeSet<String>();
        for (ModuleDescriptor module : modules.values()) {
            for (ModuleDescriptor.Exports exports : module.exports()) {
                if (exports.isQualified()) {
                    qualifiedTargets.addAll(exports.targets());
                } else {
                    exported.add(exports.source());
                }
            }
        }
        assertThat(exported)
                .as("packages exported to everyone: facet.api and facet.api.spi, facet.engine.spi,"
                        + " facet.testkit, facet.junit, facet.micrometer and facet.health are the"
                        + " public API; facet.engine and the executors are internal")
                .containsExactlyInAnyOrderElementsOf(API_PACKAGES);
        assertThat(qualifiedTargets)
                .as("internals reach the testkit, and only it, by qualified exports")
                .isSubsetOf("facet.testkit");
    }
}
