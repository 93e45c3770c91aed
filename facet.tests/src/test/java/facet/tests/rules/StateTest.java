package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R10: running() is true from a successful start until its stop begins; dependencies() is read
 * once per start, and that snapshot is what the stop walks; a stopped service starts again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StateTest extends Graphs {

    @Test
    void runningIsTrueFromASuccessfulStartUntilTheStopBegins() throws Exception {
        var root = service("root");
        root.onStart(self -> journal.record("root", "running in start: " + self.running()));
        root.onStop(self -> journal.record("root", "running in stop: " + self.running()));
        assertThat(root.running()).isFalse();

        try (var running = Facet.start(root)) {
            assertThat(root.running()).isTrue();
        }

        assertThat(root.running()).isFalse();
        assertThat(linesOf("root")).contains("running in start: false", "running in stop: false");
    }

    /** Counts how often its dependencies are read, and lets a test change them. */
    private static final class Counting implements Service {
        final AtomicInteger reads = new AtomicInteger();
        volatile Dependencies dependencies;

        Counting(Dependencies dependencies) {
            this.dependencies = dependencies;
        }

        @Override
        public Dependencies dependencies() {
            reads.incrementAndGet();
            return dependencies;
        }
    }

    @Test
    void dependenciesAreReadOncePerStartAndTheStopWalksThatSnapshot() throws Exception {
        var first = service("first");
        var second = service("second");
        var root = new Counting(Dependencies.of(first));

        var running = Facet.start(root);
        assertThat(root.reads).hasValue(1);
        root.dependencies = Dependencies.of(second); // too late for this start
        running.close();

        assertThat(root.reads).hasValue(1);
        assertThat(linesOf("first")).containsExactly("start", "started", "stop", "stopped");
        assertThat(linesOf("second")).isEmpty();

        Facet.start(root).close();
        assertThat(root.reads).hasValue(2);
        assertThat(linesOf("second")).containsExactly("start", "started", "stop", "stopped");
    }

    @Test
    void aStoppedTreeStartsAgain() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));

        Facet.start(a).close();
        try (var running = Facet.start(a)) {
            assertThat(a.running()).isTrue();
            assertThat(b.running()).isTrue();
        }

        assertThat(journal.count("a", "started")).isEqualTo(2);
        assertThat(journal.count("b", "stopped")).isEqualTo(2);
    }

    @Test
    void aStartOfATreeStillStoppingBeginsOnceTheStopIsOver() throws Exception {
        var stopEntered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var b = service("b").onStop(self -> {
            stopEntered.countDown();
            release.await();
        });
        var a = service("a").dependsOn(Dependencies.of(b));
        var first = Facet.start(a);
        assertThat(first).hasToString("Running[a]");
        var closing = CompletableFuture.runAsync(() -> {
            try {
                first.close();
            } catch (Exception failed) {
                throw new CompletionException(failed);
            }
        });
        stopEntered.await();

        var again = Facet.startAsync(a);
        assertThat(again).as("started while b still stops").isNotDone();
        release.countDown();

        try (var running = again.get(10, TimeUnit.SECONDS)) {
            assertThat(a.running()).isTrue();
            assertThat(b.running()).isTrue();
        }
        closing.get(10, TimeUnit.SECONDS);
        assertThat(journal.count("b", "started")).isEqualTo(2);
        assertThat(journal.count("b", "stopped")).isEqualTo(2);
    }

    @Test
    void awaitOnAServiceThatIsNotStartedReturnsAtOnce() throws Exception {
        var idle = service("idle");
        idle.await();
        assertThat(idle.running()).isFalse();
    }

    @Test
    void awaitReturnsOnceTheServiceIsStoppedByAnotherThread() throws Exception {
        var root = service("root");
        var running = Facet.start(root);
        Thread waiter = Thread.currentThread();
        var closer = new Thread(() -> {
            try {
                awaitBlockedInAwait(waiter); // so the close ends a wait, not precedes it
                running.close();
            } catch (Exception failed) {
                throw new AssertionError(failed);
            }
        });
        closer.start();

        running.await();

        assertThat(linesOf("root")).endsWith("stop", "stopped");
        closer.join();
    }

    @Test
    void onExitTakenWhileTheServiceRunsCompletesWithItsClose() throws Exception {
        var root = service("root");
        var running = Facet.start(root);
        CompletableFuture<Void> exit = running.onExit();
        assertThat(exit).isNotDone();

        running.close();

        assertThat(exit).isCompletedWithValue(null);
    }
}
