package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.testkit.Action;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** R1: dependencies run before a service starts; its stop returns before theirs is called. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderTest extends Graphs {

    @Test
    void aDependencyStartsFirstAndStopsLast() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));

        try (var running = Facet.start(a)) {
            assertThat(running.service()).isSameAs(a);
        }

        assertThat(journal.lines()).containsExactly(
                "b start", "b started", "a start", "a started",
                "a stop", "a stopped", "b stop", "b stopped");
    }

    @Test
    void aChainStartsFromTheBottomAndStopsFromTheTop() throws Exception {
        var c = service("c");
        var b = service("b").dependsOn(Dependencies.of(c));
        var a = service("a").dependsOn(Dependencies.of(b));

        try (var running = Facet.start(a)) {
            assertThat(journal.lines()).containsExactly(
                    "c start", "c started", "b start", "b started", "a start", "a started");
        }

        assertThat(journal.lines()).endsWith(
                "a stop", "a stopped", "b stop", "b stopped", "c stop", "c stopped");
    }

    @Test
    void aServiceSeesItsDependencyRunningInStartAndInStop() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b))
                .onStart(self -> journal.record("a", "sees b running: " + b.running()))
                .onStop(self -> journal.record("a", "sees b running: " + b.running()));

        try (var running = Facet.start(a)) {
            assertThat(a.running()).isTrue();
        }

        assertThat(linesOf("a")).containsExactly(
                "start", "sees b running: true", "started",
                "stop", "sees b running: true", "stopped");
    }

    @Test
    void aStopThatThrowsStillComesBeforeItsDependenciesStop() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b))
                .onStop(Action.fail(new IllegalStateException("a cannot stop")));

        var running = Facet.start(a);
        try {
            running.close();
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("a cannot stop");
        }

        assertThat(at("a", "stop failed")).isLessThan(at("b", "stop"));
    }
}
