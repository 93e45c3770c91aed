package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testkit where a modular application's build puts it: on the class path, as a test
 * dependency, while the engine, a runtime dependency of the application, is on the module path.
 * The engine exports its internals to the module {@code facet.testkit} only, which the class
 * path's unnamed module is not; the testkit opens them for itself. No {@code --add-exports} on
 * the command line: a build tool that adds none (Gradle, an older Surefire, plain {@code java})
 * must work too. The run's crash is logged into the simulation's own log, so nothing is printed.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TestkitOnClassPathTest {

    private static final String CHECK = """
            import facet.api.Facet;
            import facet.api.Service;
            import facet.testkit.Simulation;
            import java.time.Duration;

            public final class Check {
                public static void main(String[] args) throws Exception {
                    var app = new Service() {
                        @Override
                        public void start() {
                            var unused = addTask(() -> {
                                Facet.sleep(Duration.ofHours(1));
                                throw new IllegalStateException("planted crash");
                            });
                        }

                        @Override
                        public String toString() {
                            return "app";
                        }
                    };
                    var result = Simulation.seeded(1).run(facet -> {
                        try (var running = facet.start(app)) {
                            running.await();
                        }
                        return null;
                    });
                    System.out.println("testkit named: " + Simulation.class.getModule().isNamed());
                    System.out.println("engine in: " + Class.forName("facet.engine.Engine")
                            .getModule().getName());
                    System.out.println("thrown: " + result.thrown());
                    System.out.println("virtual time: " + result.virtualTime());
                    System.out.println("errors logged: " + result.log().stream()
                            .filter(line -> line.contains("] ERROR app")).count());
                }
            }
            """;

    @TempDir Path work;

    @Test
    void aSimulationRunsWithTheEngineOnTheModulePathAndTheTestkitOnTheClassPath()
            throws Exception {
        Path source = work.resolve("src/Check.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, CHECK);
        Path classes = work.resolve("classes");
        var compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "--release", "21", "-Xlint:all,-try", "-Werror",
                "-proc:none", "--class-path", classPath(List.of("facet.api", "facet.testkit")),
                "-d", classes.toString(), source.toString())).as("javac status").isZero();

        var outcome = ChildJvms.run(work, ChildJvms.java(
                "--module-path", classPath(List.of("facet.api", "jspecify", "facet.engine",
                        "facet.executor.virtual")),
                "--add-modules", "ALL-MODULE-PATH",
                "--class-path", classes + File.pathSeparator
                        + classPath(List.of("facet.testkit")),
                "Check"));

        assertThat(outcome.err()).as("nothing printed: the crash is in the simulation's log")
                .isEmpty();
        assertThat(outcome.out().lines()).containsExactly(
                "testkit named: false",
                "engine in: facet.engine",
                "thrown: java.lang.IllegalStateException: planted crash",
                "virtual time: PT1H",
                "errors logged: 1");
        assertThat(outcome.status()).isZero();
    }

    private static String classPath(List<String> artifacts) {
        var entries = new ArrayList<String>();
        for (String artifact : artifacts) {
            entries.add(ChildJvms.path(artifact));
        }
        return String.join(File.pathSeparator, entries);
    }
}
