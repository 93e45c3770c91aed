package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alarm due in an hour never keeps the JVM alive, on either backend: a {@code main} that
 * schedules one and returns ends the process. Checked in a child JVM because that is the
 * property, whatever waits for the alarm (a virtual thread, a pooled daemon, a timer).
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PendingAlarmTest {

    private static final String MAIN = """
            package pending;

            import facet.engine.spi.ExecutionBackend;
            import java.util.ServiceLoader;
            import java.util.concurrent.TimeUnit;

            public final class Main {
                public static void main(String[] args) {
                    for (ExecutionBackend backend : ServiceLoader.load(ExecutionBackend.class)) {
                        long inAnHour = backend.nanoTime() + TimeUnit.HOURS.toNanos(1);
                        var pending = backend.schedule(inAnHour, () -> System.out.println("ran"));
                        System.out.println("pending on " + backend.name() + ": " + pending);
                    }
                }
            }
            """;

    @TempDir Path work;

    @Test
    void aJvmWhoseMainReturnsEndsWithAnAlarmPendingOnEachBackend() throws Exception {
        Path source = work.resolve("src/pending/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, MAIN);
        Path classes = work.resolve("classes");
        String facet = String.join(File.pathSeparator, ChildJvms.path("facet.api"),
                ChildJvms.path("facet.engine"), ChildJvms.path("facet.executor.virtual"),
                ChildJvms.path("facet.executor.threads"));
        var compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "--release", "21", "-proc:none",
                "--class-path", facet, "-d", classes.toString(), source.toString()))
                .as("javac status").isZero();

        var outcome = ChildJvms.run(work, ChildJvms.java(
                "--class-path", classes + File.pathSeparator + facet, "pending.Main"));

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out().lines()).as("an alarm pending on each backend, none run")
                .hasSize(2)
                .anyMatch(line -> line.startsWith("pending on virtual: "))
                .anyMatch(line -> line.startsWith("pending on threads: "));
        assertThat(outcome.status()).isZero();
    }
}
