package facet.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Dependencies;
import facet.api.Running;
import facet.api.Service;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R8 without a signal: what the JVM shutdown hook does, called directly. Held roots stop newest
 * first, a start still in progress is abandoned and rolled back, and nothing new may start.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownTest {

    private final List<String> events = new ArrayList<>();
    private final Engine engine = new Engine(new ThreadPerStrand());

    private Service recording(String name, Dependencies dependencies) {
        return new Service() {
            @Override
            public Dependencies dependencies() {
                return dependencies;
            }

            @Override
            public void start() {
                record(name + " started");
            }

            @Override
            public void stop() {
                record(name + " stopped");
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private void record(String event) {
        synchronized (events) {
            events.add(event);
        }
    }

    private List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Runs the hook, and returns what it printed to standard error meanwhile. */
    private String shutdownPrinting() {
        var printed = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(printed, true, UTF_8));
        try {
            engine.shutdown();
        } finally {
            System.setErr(before);
        }
        return printed.toString(UTF_8);
    }

    @Test
    void anEngineIsNamedAfterItsBackend() {
        assertThat(engine).hasToString("Engine[test]");
    }

    @Test
    void heldRootsStopNewestFirstAndTheSharedServiceLast() throws Exception {
        var shared = recording("shared", Dependencies.none());
        Running<Service> first = engine.start(recording("first", Dependencies.of(shared)));
        Running<Service> second = engine.start(recording("second", Dependencies.of(shared)));
        Running<Service> third = engine.start(recording("third", Dependencies.none()));
        second.close(); // released by its holder: not stopped again by the hook

        engine.shutdown();

        assertThat(events()).containsExactly("shared started", "first started",
                "second started", "third started", "second stopped",
                "third stopped", "first stopped", "shared stopped");
        first.close(); // closed by the hook already: nothing left to do
        third.close();
        assertThat(Engine.liveServices()).as("the engine's bookkeeping is empty").isZero();
    }

    @Test
    void theHooksFirstStepRunsOnlyWhenARootIsHeldAndBeforeItStops() throws Exception {
        Runnable nothingHeld = () -> record("second interrupt handled");
        engine.shutdown(nothingHeld);
        assertThat(events()).as("nothing held: nothing to cut short").isEmpty();

        var held = new Engine(new ThreadPerStrand());
        Running<Service> root = held.start(recording("root", Dependencies.none()));
        held.shutdown(() -> record("second interrupt handled"));

        assertThat(events()).containsExactly("root started", "second interrupt handled",
                "root stopped");
        root.close();
    }

    @Test
    void aStartInProgressIsAbandonedAndRolledBack() throws Exception {
        var entered = new CountDownLatch(1);
        var b = recording("b", Dependencies.none());
        Service slow = new Service() {
            @Override
            public void start() throws InterruptedException {
                entered.countDown();
                new CountDownLatch(1).await(); // until the shutdown interrupts it
            }

            @Override
            public String toString() {
                return "slow";
            }
        };
        var root = recording("root", Dependencies.of(b, slow));
        var thrown = new AtomicReference<@Nullable Throwable>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                engine.start(root);
            } catch (Throwable failed) {
                thrown.set(failed);
            }
        });
        entered.await();

        engine.shutdown();

        assertThat(events()).as("the rollback is over when the hook returns")
                .containsExactly("b started", "b stopped");
        caller.join();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutting down");
        assertThat(Engine.liveServices()).as("the engine's bookkeeping is empty").isZero();
    }

    @Test
    void aStartThatSucceedsWhileTheHookStopsNewerRootsIsStoppedToo() throws Exception {
        var proceed = new CountDownLatch(1);
        var entered = new CountDownLatch(1);
        var failure = new IOException("late stop failed");
        Service late = new Service() {
            @Override
            public void start() throws InterruptedException {
                entered.countDown();
                proceed.await();
                record("late started");
            }

            @Override
            public void stop() throws IOException {
                record("late stopped");
                throw failure;
            }

            @Override
            public String toString() {
                return "late";
            }
        };
        var lateStart = engine.startAsync(late);
        entered.await();
        // newer than late's start, so stopped first: lets late's start succeed meanwhile
        Service newer = new Service() {
            @Override
            public void stop() throws Exception {
                proceed.countDown();
                lateStart.get(10, TimeUnit.SECONDS);
                record("newer stopped");
            }
        };
        engine.start(newer);
        String printed = shutdownPrinting();

        assertThat(events()).containsExactly("late started", "newer stopped", "late stopped");
        assertThat(printed)
                .contains("facet: stopping start of late on JVM shutdown failed:")
                .contains("java.io.IOException: late stop failed");
        assertThat(Engine.running(late)).isFalse();
    }

    @Test
    void nothingStartsOnceTheShutdownBegan() {
        engine.shutdown();

        assertThatThrownBy(() -> engine.start(recording("late", Dependencies.none())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("late").hasMessageContaining("shutting down");
        assertThat(events()).isEmpty();
    }

    @Test
    void aStopThatFailsOnShutdownIsPrintedToStandardErrorAndTheOthersStillStop()
            throws Exception {
        Service failing = new Service() {
            @Override
            public void stop() throws Exception {
                throw new IOException("disk gone");
            }

            @Override
            public String toString() {
                return "failing";
            }
        };
        engine.start(recording("older", Dependencies.none()));
        engine.start(failing);
        String printed = shutdownPrinting();

        // not through the logger: it may have shut down in a hook of its own
        assertThat(printed)
                .contains("facet: stopping Running[failing] on JVM shutdown failed:")
                .contains("java.io.IOException: disk gone");
        assertThat(events()).containsExactly("older started", "older stopped");
    }
}
