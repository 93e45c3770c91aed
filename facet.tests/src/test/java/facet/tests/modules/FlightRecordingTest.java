package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
 * And one never recorded: no class of JFR's is set going, as the first use of an event class
 * would (it registers the class with the recorder, about 150 ms of a cold start).
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlightRecordingTest {

    private static final String MODULE_INFO = """
            module recorded {
                requires facet.api;
            }
            """;

    /**
     * Each path where the engine makes an event: hooks that return, a task that fails and crashes
     * its stack, a stop that outlives its deadline.
     */
    private static final String UNRECORDED_MAIN = """
            package recorded;

            import facet.api.Dependencies;
            import facet.api.Facet;
            import facet.api.Service;
            import facet.api.ShutdownTimeoutException;
            import java.time.Duration;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;

            public final class Main {
                static final CountDownLatch INTERRUPTED = new CountDownLatch(1);
                static final CountDownLatch RELEASED = new CountDownLatch(1);

                record Named(String name, Dependencies dependencies) implements Service {
                    @Override
                    public String toString() {
                        return name;
                    }
                }

                /**
                 * Its stop waits, through the deadline's interrupt, until main releases it. Main
                 * prints what it saw, so the lines come in one order whatever the scheduling.
                 */
                static final class Stuck implements Service {
                    @Override
                    public void stop() {
                        while (true) {
                            try {
                                RELEASED.await();
                                return;
                            } catch (InterruptedException deadlinePassed) {
                                INTERRUPTED.countDown();
                            }
                        }
                    }

                    @Override
                    public Duration gracefulShutdownTimeout() {
                        return Duration.ofMillis(50);
                    }

                    @Override
                    public String toString() {
                        return "stuck";
                    }
                }

                public static void main(String[] args) throws Exception {
                    var db = new Named("db", Dependencies.none());
                    var api = new Named("api", Dependencies.of(db));
                    var unused = Facet.start(api);
                    api.addTask((Callable<Void>) () -> {
                        throw new IllegalStateException("failed on purpose");
                    });
                    try {
                        api.await();
                    } catch (IllegalStateException crashed) {
                        System.out.println("crashed: " + crashed.getMessage());
                    }
                    try {
                        Facet.start(new Stuck()).close();
                    } catch (ShutdownTimeoutException timedOut) {
                        System.out.println("timed out");
                        if (INTERRUPTED.await(30, TimeUnit.SECONDS)) {
                            System.out.println("interrupted");
                        }
                    } finally {
                        RELEASED.countDown();
                    }
                }
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

    @Test
    void withoutARecordingNoClassOfJfrsIsLoaded() throws Exception {
        Path classes = ChildJvms.compile(work, Map.of("module-info.java", MODULE_INFO,
                "recorded/Main.java", UNRECORDED_MAIN));
        Path loaded = work.resolve("classes.log");

        var outcome = ChildJvms.run(work, ChildJvms.java(
                "-Xlog:class+load=info:file=" + loaded + ":none", // one class a line, no decorations
                "--module-path", ChildJvms.pathOf(classes, "facet.api", "jspecify",
                        "facet.engine", "facet.executor.virtual"),
                "--module", "recorded/recorded.Main"));

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out().lines())
                .as("a task failed, then a stop outlived its deadline")
                .containsSubsequence("crashed: failed on purpose", "timed out", "interrupted");
        List<String> names = Files.readAllLines(loaded).stream()
                .map(line -> line.substring(0, line.indexOf(' ')))
                .toList();
        assertThat(names).as("the engine asked whether a recording exists")
                .contains("facet.engine.jfr.FlightRecorderState", "jdk.jfr.FlightRecorder");
        assertThat(names).as("classes of JFR's or facet's events")
                .filteredOn(name -> name.startsWith("jdk.jfr.")
                        || name.startsWith("facet.engine.jfr."))
                .containsOnly("facet.engine.jfr.FlightRecorderState", "jdk.jfr.FlightRecorder");
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
