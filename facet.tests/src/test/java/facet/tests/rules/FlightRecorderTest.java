package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.ShutdownTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's JDK Flight Recorder events, read back from a real recording: each
 * {@code start()} and {@code stop()} as a duration event with its outcome, a task's failure and
 * an abandoned stop as instant events, all in category {@code facet}.
 */
@SuppressWarnings("try") // holds kept for a block, not used in it
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FlightRecorderTest extends Graphs {

    private static final List<String> EVENTS = List.of("dev.facet.ServiceStart",
            "dev.facet.ServiceStop", "dev.facet.TaskFailure", "dev.facet.StopAbandoned");

    @TempDir Path work;

    @Test
    void hooksTaskFailuresAndAbandonedStopsAreRecorded() throws Exception {
        var db = service("jfr-db");
        var api = service("jfr-api").dependsOn(Dependencies.of(db));
        var broken = service("jfr-broken").onStart(self -> {
            throw new IOException("no disk");
        });
        var crashing = service("jfr-crashing");
        var release = new CountDownLatch(1);
        var stuck = service("jfr-stuck").timeout(Duration.ofMillis(100)).onStop(self -> {
            while (true) {
                try {
                    release.await(); // deaf to the deadline's interrupt, until released
                    return;
                } catch (InterruptedException ignored) {
                    // stay stuck
                }
            }
        });

        List<RecordedEvent> recorded;
        Duration recordedFor;
        try (var recording = new Recording()) {
            EVENTS.forEach(recording::enable);
            recording.start();
            long recordingBegan = System.nanoTime();

            Facet.start(api).close();
            assertThat(catchThrowable(() -> Facet.start(broken))).hasMessage("no disk");
            try (var running = Facet.start(crashing)) {
                var unused = crashing.addTask(() -> {
                    throw new IllegalStateException("lost the connection");
                });
                assertThat(catchThrowable(running::await)).hasMessage("lost the connection");
            }
            var running = Facet.start(stuck);
            try {
                assertThat(catchThrowable(running::close))
                        .isInstanceOf(ShutdownTimeoutException.class);
            } finally {
                release.countDown();
            }

            recording.stop();
            recordedFor = Duration.ofNanos(System.nanoTime() - recordingBegan);
            Path file = work.resolve("facet.jfr");
            recording.dump(file);
            recorded = RecordingFile.readAllEvents(file).stream()
                    .filter(event -> EVENTS.contains(event.getEventType().getName())
                            && event.getString("service").startsWith("jfr-"))
                    .toList();
        }

        assertThat(lines(recorded, "dev.facet.ServiceStart")).containsExactlyInAnyOrder(
                "jfr-db started ", "jfr-api started ",
                "jfr-broken failed java.io.IOException: no disk",
                "jfr-crashing started ", "jfr-stuck started ");
        // jfr-stuck's stop returns once released, maybe before the recording stops: left out
        assertThat(lines(recorded, "dev.facet.ServiceStop"))
                .filteredOn(line -> !line.startsWith("jfr-stuck"))
                .containsExactlyInAnyOrder("jfr-api stopped ", "jfr-db stopped ",
                        "jfr-crashing stopped ");
        assertThat(recorded).filteredOn(event -> named(event, "dev.facet.TaskFailure"))
                .singleElement().satisfies(event -> {
                    assertThat(event.getString("service")).isEqualTo("jfr-crashing");
                    assertThat(event.getString("failure"))
                            .isEqualTo("java.lang.IllegalStateException: lost the connection");
                });
        assertThat(recorded).filteredOn(event -> named(event, "dev.facet.StopAbandoned"))
                .singleElement().satisfies(event -> {
                    assertThat(event.getString("service")).isEqualTo("jfr-stuck");
                    assertThat(event.getString("stuckAt")).isNotEmpty();
                });
        assertThat(recorded).allSatisfy(event -> {
            assertThat(event.getEventType().getCategoryNames()).containsExactly("facet");
            assertThat(event.getDuration().isNegative()).isFalse();
            assertThat(event.getDuration()).as("timed from the hook's call: within the recording")
                    .isLessThanOrEqualTo(recordedFor);
        });
    }

    private static boolean named(RecordedEvent event, String name) {
        return event.getEventType().getName().equals(name);
    }

    /** "service outcome failure" for each event of one type. */
    private static List<String> lines(List<RecordedEvent> recorded, String name) {
        return recorded.stream().filter(event -> named(event, name))
                .map(event -> event.getString("service") + " " + event.getString("outcome") + " "
                        + event.getString("failure"))
                .toList();
    }
}
