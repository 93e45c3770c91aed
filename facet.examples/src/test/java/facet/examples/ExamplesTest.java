package facet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner of the README's first command, in a JVM of its own: every example prints what it
 * shows, in the same order on every run, and the JVM then ends by itself.
 */
class ExamplesTest {

    @TempDir Path directory;

    @Test
    @Timeout(120)
    void runsEveryExampleAndEnds() throws Exception {
        try (var child = ChildJvm.start("facet.examples.Examples", false, directory)) {
            assertThat(child.awaitExit()).as(child::describe).isZero();
            List<String> lines = child.output();
            assertThat(lines).as(child::describe).last().isEqualTo("All examples done.");
            List<List<String>> sections = sections(lines.subList(0, lines.size() - 1));

            assertThat(sections).as(child::describe).hasSize(7);
            assertThat(sections.get(0)).as("dependencies first; Ctrl-C stops A before B")
                    .containsExactly(
                            "b started", "a started", "^C", "a stopped", "b stopped",
                            "run() threw InterruptedException");
            assertThat(sections.get(1)).as("try-with-resources")
                    .containsExactly(
                            "b started", "a started", "a.b.value is 1", "a stopped", "b stopped",
                            "a.b.value is 0");
            assertThat(sections.get(2)).as("a background task")
                    .containsExactly("start done", "task done");
            assertThat(sections.get(3)).as("steps: one after the other, together, mixed")
                    .containsExactly(
                            "one after the other: a depends on [b, c, d]",
                            "b started", "c started", "d started", "a started",
                            "a stopped", "d stopped", "c stopped", "b stopped",
                            "together: a depends on [[b, c, d]]",
                            "b, c and d started, together", "a started",
                            "a stopped", "b, c and d stopped, together",
                            "mixed: a depends on [[b, c], d]",
                            "b and c started, together", "d started", "a started",
                            "a stopped", "d stopped", "b and c stopped, together");
            assertThat(sections.get(4)).as("a crashing task stops the stack, in order")
                    .containsExactly(
                            "b started", "a started", "poll 1", "poll 2", "a stopped",
                            "b stopped", "run() threw java.io.IOException: connection reset");
            assertThat(sections.get(5)).as("a stop stuck past its timeout")
                    .containsExactly(
                            "server started",
                            "server stopping: waits for a request that never ends",
                            "close() threw ShutdownTimeoutException: graceful shutdown timed"
                                    + " out: server did not stop within 200ms; still stopping:"
                                    + " server in stop()",
                            "  stuck: server was still in stop() on thread facet-stop-server");
            // the times differ from run to run; what they are of does not
            assertThat(sections.get(6)).as("the graph, then what its start and stop took")
                    .startsWith("a", "+- 1: b", "+- 1: c", "\\- 2: d", "flowchart TD",
                            "    n0[\"a\"]", "    n1[\"b\"]", "    n2[\"c\"]", "    n3[\"d\"]",
                            "    n0 -->|1| n1", "    n0 -->|1| n2", "    n0 -->|2| n3")
                    .anySatisfy(line -> assertThat(line).matches(
                            "a: started in [0-9.]+ m?s, stopped in [0-9.]+ [mu]?s"))
                    .anySatisfy(line -> assertThat(line).matches(
                            "\\\\- 2: d +stopped +start\\(\\) at \\+[0-9.]+ m?s took .* stop\\(\\) .*"))
                    .anySatisfy(line -> assertThat(line).matches(
                            "critical path: [bc] .* -> d .* -> a .*"))
                    .contains("gantt", "    section start", "    section stop");
        }
    }

    /** The lines under each "=== " header, blank lines left out. */
    private static List<List<String>> sections(List<String> lines) {
        var sections = new ArrayList<List<String>>();
        var current = new ArrayList<String>();
        int headers = 0;
        for (String line : lines) {
            if (line.startsWith("=== ")) {
                headers++;
                assertThat(line).startsWith("=== " + headers + ". ");
                if (headers > 1) {
                    sections.add(List.copyOf(current));
                }
                current.clear();
            } else if (!line.isBlank()) {
                current.add(line);
            }
        }
        sections.add(List.copyOf(current));
        return sections;
    }
}
