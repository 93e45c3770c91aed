package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R11 with hooks that call back into facet: starting or closing other roots and adding tasks to
 * other services works; a call that would wait for the very hook it is made from fails at once
 * with a message, instead of a deadlock; and reference counts stay right either way.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReentrantHooksTest extends Graphs {

    @Test
    void aStartThatStartsItsOwnServiceFailsInsteadOfWaitingForItself() {
        var a = service("a").onStart(self -> Facet.start(self));

        Throwable thrown = catchThrowable(() -> Facet.start(a));

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start() of a calls Facet.start(a)")
                .hasMessageContaining("wait for itself");
        assertThat(linesOf("a")).containsExactly("start", "start failed");
        assertThat(a.running()).isFalse();
    }

    @Test
    void aStartThatStartsItsOwnDependentFailsInsteadOfWaitingForItself() {
        var a = service("a");
        var b = service("b").dependsOn(Dependencies.of(a));
        a.onStart(self -> Facet.start(b));

        Throwable thrown = catchThrowable(() -> Facet.start(b));

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start() of a calls Facet.start(b)");
        assertThat(linesOf("b")).isEmpty();
        assertThat(a.running()).isFalse();
        assertThat(b.running()).isFalse();
    }

    @Test
    void aStopThatStartsItsOwnServiceAgainFailsAndTheServiceStillStops() throws Exception {
        var firstStop = new AtomicBoolean(true);
        var a = service("a").onStop(self -> {
            if (firstStop.getAndSet(false)) {
                Facet.start(self);
            }
        });

        Running<?> running = Facet.start(a);
        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stop() of a calls Facet.start(a)");
        assertThat(linesOf("a")).containsExactly("start", "started", "stop", "stop failed");
        assertThat(a.running()).isFalse();
        Facet.start(a).close(); // stopped for good: it starts and stops again
        assertThat(linesOf("a")).endsWith("stop failed", "start", "started", "stop", "stopped");
    }

    @Test
    void hooksThatStartAndCloseAnotherRootKeepItsCountsRight() throws Exception {
        var other = service("other");
        var held = new AtomicReference<Running<?>>();
        var a = service("a")
                .onStart(self -> held.set(Facet.start(other)))
                .onStop(self -> held.get().close());

        try (var running = Facet.start(a)) {
            assertThat(other.running()).isTrue();
            try (var again = Facet.start(other)) { // a second hold: shared, started once
                assertThat(linesOf("other")).containsExactly("start", "started");
            }
            assertThat(other.running()).as("still held by a's start()").isTrue();
        }

        assertThat(other.running()).isFalse();
        assertThat(linesOf("other")).containsExactly("start", "started", "stop", "stopped");
        assertThat(at("other", "stopped")).isLessThan(at("a", "stopped"));
    }

    @Test
    void aTaskThatAddsATaskToAnotherServiceGetsItsResult() throws Exception {
        var b = service("b");
        var result = new AtomicReference<String>();
        var a = service("a").onStart(self -> self.addScriptedTask(task ->
                result.set(b.addTask(() -> "from b").get(10, TimeUnit.SECONDS))));

        try (var runningB = Facet.start(b); var runningA = Facet.start(a)) {
            journal.await("a", "task done", Duration.ofSeconds(10));
        }

        assertThat(result.get()).isEqualTo("from b");
        assertThat(linesOf("b")).containsExactly("start", "started", "stop", "stopped");
    }

    @Test
    void aTaskThatClosesItsOwnRootStopsTheTreeWithoutWaitingForItself() throws Exception {
        var handle = new AtomicReference<Running<?>>();
        var handedOver = new CountDownLatch(1);
        var dependency = service("dependency");
        Service root = service("root").dependsOn(Dependencies.of(dependency))
                .onStart(self -> self.addScriptedTask(task -> {
                    handedOver.await();
                    handle.get().close(); // its own stop interrupts this very task: no deadlock
                }));

        try (var running = Facet.start(root)) {
            handle.set(running);
            handedOver.countDown();
            running.await(); // returns once the task's close() has stopped the tree
        }

        assertThat(root.running()).isFalse();
        assertThat(dependency.running()).isFalse();
        assertThat(linesOf("root")).contains("stop", "stopped");
        assertThat(linesOf("dependency")).endsWith("stop", "stopped");
    }
}
