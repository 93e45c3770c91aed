package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.testkit.Action;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R4, R5, R6 with every kind of throwable a hook or task may throw: checked, unchecked, and
 * {@code Error}s such as {@code OutOfMemoryError} and {@code StackOverflowError}. Each is a
 * failure like any other: the caller gets that very instance, nothing is lost, nothing started is
 * left running.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FatalErrorsTest extends Graphs {

    static Stream<Arguments> throwables() {
        return Stream.of(
                Arguments.of("checked", (Supplier<Throwable>) () -> new IOException("io")),
                Arguments.of("unchecked",
                        (Supplier<Throwable>) () -> new IllegalArgumentException("bad")),
                Arguments.of("OutOfMemoryError",
                        (Supplier<Throwable>) () -> new OutOfMemoryError("no heap")),
                Arguments.of("StackOverflowError",
                        (Supplier<Throwable>) () -> new StackOverflowError("too deep")));
    }

    @ParameterizedTest(name = "start() throws {0}")
    @MethodSource("throwables")
    void aStartThatThrowsFailsTheStartWithThatInstance(String kind, Supplier<Throwable> make) {
        Throwable failure = make.get();
        var first = service("first");
        var failing = service("failing").onStart(Action.fail(failure));
        var last = service("last");
        var root = service("root").dependsOn(Dependencies.of(first, failing, last));

        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(failure);

        assertThat(journal.lines()).containsExactly("first start", "first started",
                "failing start", "failing start failed", "first stop", "first stopped");
        assertThat(first.running()).isFalse();
        assertThat(root.running()).isFalse();
    }

    @ParameterizedTest(name = "stop() throws {0}")
    @MethodSource("throwables")
    void aStopThatThrowsFailsTheCloseAndTheRestStillStops(String kind, Supplier<Throwable> make)
            throws Exception {
        Throwable failure = make.get();
        var dependency = service("dependency");
        var failing = service("failing").dependsOn(Dependencies.of(dependency))
                .onStop(Action.fail(failure));

        var running = Facet.start(failing);
        assertThat(catchThrowable(running::close)).isSameAs(failure);

        assertThat(linesOf("dependency")).endsWith("stop", "stopped");
        assertThat(failing.running()).isFalse();
        assertThat(dependency.running()).isFalse();
    }

    @ParameterizedTest(name = "a task throws {0}")
    @MethodSource("throwables")
    void aTaskThatThrowsCrashesTheStackWithThatInstance(String kind, Supplier<Throwable> make)
            throws Exception {
        Throwable failure = make.get();
        var go = new CountDownLatch(1);
        var worker = service("worker").onStart(self -> self.addScriptedTask(task -> {
            go.await();
            throw asThrowable(failure);
        }));
        var root = service("root").dependsOn(Dependencies.of(worker));

        try (var running = Facet.start(root)) {
            go.countDown();
            assertThat(catchThrowable(running::await)).isSameAs(failure);
        }

        assertThat(worker.running()).isFalse();
    }

    @Test
    void aRealStackOverflowInAStartIsAFailureAndTheThreadGoesOn() throws Exception {
        var deep = service("deep").onStart(self -> recurse(0));
        var root = service("root").dependsOn(Dependencies.of(deep));

        assertThat(catchThrowable(() -> Facet.start(root))).isInstanceOf(StackOverflowError.class);

        assertThat(linesOf("deep")).containsExactly("start", "start failed");
        try (var again = Facet.start(service("after"))) { // the engine goes on
            assertThat(linesOf("after")).containsExactly("start", "started");
        }
    }

    /** Deeper and deeper: the stack overflows long before the depth could turn negative. */
    private static int recurse(int depth) {
        return depth < 0 ? 0 : recurse(depth + 1) + 1;
    }

    /** Throws any throwable from a task body that declares {@code Exception}. */
    private static Exception asThrowable(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (Exception) failure;
    }
}
