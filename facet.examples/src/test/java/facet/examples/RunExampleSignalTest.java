package facet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's Ctrl-C, for real: {@link RunExample} in a JVM of its own gets a signal once it
 * runs, stops A, then B, and exits with the signal's status.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "uses GNU env --default-signal and kill")
class RunExampleSignalTest {

    @TempDir Path directory;

    @ParameterizedTest(name = "SIG{0} stops A, then B, and exits with {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    @Timeout(120)
    void aSignalStopsAThenB(String signal, int status) throws Exception {
        try (var child = ChildJvm.start("facet.examples.RunExample", true, directory)) {
            assertThat(child.readUntil("a started"))
                    .as(child::describe)
                    .containsExactly("b started", "a started");

            child.signal(signal);

            assertThat(child.awaitExit()).as(child::describe).isEqualTo(status);
            assertThat(child.output())
                    .as(child::describe)
                    .containsExactly("b started", "a started", "a stopped", "b stopped");
        }
    }
}
