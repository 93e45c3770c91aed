package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
 *
 * <p>The check is the consumer project's own {@code TestkitCheck}, which that project runs
 * against the installed jars; here it runs against the reactor's, so a change that breaks it
 * fails this build, not only CI's last step.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TestkitOnClassPathTest {

    /** The consumer project's check, the very file its build runs against the installed jars. */
    private static final Path CHECK = Path.of(System.getProperty("facet.root", ".."), "consumer",
            "src/test/java/facet/consumer/check/TestkitCheck.java");

    @TempDir Path work;

    @Test
    void aSimulationRunsWithTheEngineOnTheModulePathAndTheTestkitOnTheClassPath()
            throws Exception {
        Path classes = work.resolve("classes");
        var compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "--release", "21", "-Xlint:all,-try", "-Werror",
                "-proc:none", "--class-path", classPath(List.of("facet.api", "facet.testkit")),
                "-d", classes.toString(), CHECK.toString())).as("javac status").isZero();

        var outcome = ChildJvms.run(work, ChildJvms.java(
                "--module-path", classPath(List.of("facet.api", "jspecify", "facet.engine",
                        "facet.executor.virtual")),
                "--add-modules", "ALL-MODULE-PATH",
                "--class-path", classes + File.pathSeparator
                        + classPath(List.of("facet.testkit")),
                "facet.consumer.check.TestkitCheck"));

        assertThat(outcome.err()).as("nothing printed: the crash is in the simulation's log")
                .isEmpty();
        assertThat(outcome.out().lines()).containsExactly("facet.testkit ran a simulation from"
                + " the class path, the engine on the module path: testkit on the class path:"
                + " true; engine in module: facet.engine; thrown:"
                + " java.lang.IllegalStateException: planted crash; virtual time: PT1H;"
                + " errors logged: 1");
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
