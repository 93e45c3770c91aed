package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh JVM that starts and stops a graph makes no class of facet's at run time: the class of a
 * lambda is spun at its first call, about 0.4 ms each at a launch, and a dozen of them also made
 * the JIT compile the JDK's class writer, which the JVM waited for at exit (BENCHMARKS.md, cold
 * start). The engine's start and stop path uses small named classes instead; this keeps it so.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ColdStartClassesTest {

    private static final String MODULE_INFO = """
            module launched {
                requires facet.api;
            }
            """;

    /** Sequential and parallel steps, a service reached twice, a start and a close. */
    private static final String MAIN = """
            package launched;

            import facet.api.Dependencies;
            import facet.api.Facet;
            import facet.api.Service;

            public final class Main {
                record Named(String name, Dependencies dependencies) implements Service {
                    @Override
                    public String toString() {
                        return name;
                    }
                }

                public static void main(String[] args) throws Exception {
                    var config = new Named("config", Dependencies.none());
                    var db = new Named("db", Dependencies.of(config));
                    var cache = new Named("cache", Dependencies.of(config));
                    var queue = new Named("queue", Dependencies.none());
                    var api = new Named("api",
                            Dependencies.of(config).thenParallel(db, cache, queue));
                    Facet.start(api).close();
                    System.out.println("started and stopped");
                }
            }
            """;

    @TempDir Path work;

    @Test
    void aStartAndACloseMakeNoClassOfFacetsAtRunTime() throws Exception {
        Path classes = ChildJvms.compile(work, Map.of("module-info.java", MODULE_INFO,
                "launched/Main.java", MAIN));
        Path loaded = work.resolve("classes.log");

        var outcome = ChildJvms.run(work, ChildJvms.java(
                "-Xlog:class+load=info:file=" + loaded + ":none", // one class a line, no decorations
                "--module-path", ChildJvms.pathOf(classes, "facet.api", "jspecify",
                        "facet.engine", "facet.executor.virtual"),
                "--module", "launched/launched.Main"));

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines()).containsExactly("started and stopped");
        List<String> names = Files.readAllLines(loaded).stream()
                .map(line -> line.substring(0, line.indexOf(' ')))
                .toList();
        assertThat(names).as("the engine ran").contains("facet.engine.lifecycle.ServiceStop");
        assertThat(names).as("classes of facet's made at run time (lambdas, proxies)")
                .filteredOn(name -> name.startsWith("facet.") && name.contains("/"))
                .isEmpty();
    }
}
