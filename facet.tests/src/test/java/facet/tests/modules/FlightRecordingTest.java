package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular application recorded as the README says, with {@code -XX:StartFlightRecording}: the
 * engine's events are in the file, from its module on the module path, with no option of facet's.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlightRecordingTest {

    private static final String MODULE_INFO = """
            module recorded {
                requires facet.api;
            }
            """;

    @TempDir Path work;

    @Test
    void theEnginesEventsAreInARecordingStartedOnTheCommandLine() throws Exception {
        Path classes = ChildJvms.compile(work, Map.of("module-info.java", MODULE_INFO,
                "recorded/Main.java", ChildJvms.apiOnDbMain("recorded")));
        Path file = work.resolve("facet.jfr");

        var outcome = ChildJvms.run(work, ChildJvms.java(
                "-XX:StartFlightRecording=filename=" + file + ",dumponexit=true",
                "--module-path", ChildJvms.pathOf(classes, "facet.api", "jspecify",
                        "facet.engine", "facet.executor.virtual"),
                "--module", "recorded/recorded.Main"));

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(facetEvents(file)).containsExactly(
                "dev.facet.ServiceStart db started", "dev.facet.ServiceStart api started",
                "dev.facet.ServiceStop api stopped", "dev.facet.ServiceStop db stopped");
    }

    /** The engine's events in the file, in the order they began. */
    private static List<String> facetEvents(Path file) throws IOException {
        return RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().startsWith("dev.facet."))
                .sorted((first, second) -> first.getStartTime().compareTo(second.getStartTime()))
                .map(FlightRecordingTest::line)
                .toList();
    }

    private static String line(RecordedEvent event) {
        return event.getEventType().getName() + " " + event.getString("service") + " "
                + event.getString("outcome");
    }
}
