package facet.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Dependencies;
import facet.api.JvmShutdownException;
import facet.api.Running;
import facet.api.Service;
import facet.api.ShutdownTimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R8 without a signal: what the JVM shutdown hook does, called directly. Held roots stop newest
 * first, a start still in progress is abandoned and rolled back, and nothing new may start.
 * Whoever waits for a root the hook stopped learns that the JVM is going down, once the hook is
 * done, with the failures of its stops: never that the application ended by itself.
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
        assertThat(thrown.get()).isInstanceOf(JvmShutdownException.class)
                .hasMessageContaining("root").hasMessageContaining("shutting down");
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
                .isInstanceOf(JvmShutdownException.class)
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

    // ---------------------------------------------------------------- what waiters learn

    /** A service whose stop throws {@code failure}. */
    private static Service failingStop(String name, Exception failure, Dependencies dependencies) {
        return new Service() {
            @Override
            public Dependencies dependencies() {
                return dependencies;
            }

            @Override
            public void stop() throws Exception {
                throw failure;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** Runs {@code call} on a thread of its own; its future holds what it threw. */
    private static CompletableFuture<@Nullable Void> onAThread(Callable call) {
        var outcome = new CompletableFuture<@Nullable Void>();
        Thread.ofPlatform().start(() -> {
            try {
                call.call();
                outcome.complete(null);
            } catch (Throwable failed) {
                outcome.completeExceptionally(failed);
            }
        });
        return outcome;
    }

    /** What a thread may throw, as a test calls it. */
    @FunctionalInterface
    private interface Callable {
        void call() throws Exception;
    }

    private static Throwable failureOf(CompletableFuture<?> outcome) throws Exception {
        try {
            outcome.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            return requireNonNull(failed.getCause());
        }
        throw new AssertionError("ended normally");
    }

    @Test
    void awaitOnARootTheHookStoppedThrowsWithTheFailuresOfTheShutdown() throws Exception {
        var diskGone = new IOException("disk gone");
        Running<Service> running = engine.start(
                failingStop("api", diskGone, Dependencies.none()));
        var awaited = onAThread(running::await);

        String unused = shutdownPrinting();

        assertThat(failureOf(awaited)).isInstanceOf(JvmShutdownException.class)
                .hasMessage("api was stopped because the JVM is shutting down;"
                        + " 1 stop of it failed (suppressed)")
                .hasSuppressedException(diskGone);
        assertThatThrownBy(running::await).as("awaited after the hook finished")
                .isInstanceOf(JvmShutdownException.class);
    }

    @Test
    void runEndsWithTheShutdownNotAsIfTheApplicationEnded() throws Exception {
        var started = new CountDownLatch(1);
        Service app = new Service() {
            @Override
            public void start() {
                started.countDown();
            }

            @Override
            public String toString() {
                return "app";
            }
        };
        var ran = onAThread(() -> engine.run(app));
        started.await();

        engine.shutdown();

        // whether the hook found the start under way or the root running, run() says why
        assertThat(failureOf(ran)).isInstanceOf(JvmShutdownException.class)
                .hasMessageContaining("app").hasMessageContaining("the JVM is shutting down");
    }

    @Test
    void awaitOnADependencyTheHookStoppedThrowsToo() throws Exception {
        var db = recording("db", Dependencies.none());
        Running<Service> running = engine.start(recording("api", Dependencies.of(db)));
        var awaiting = new AtomicReference<@Nullable Thread>();
        var awaited = onAThread(() -> {
            awaiting.set(Thread.currentThread());
            Engine.await(db);
        });
        // blocked in await(): one that came after db stopped would return at once, as it must
        while (awaiting.get() == null
                || requireNonNull(awaiting.get()).getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }

        engine.shutdown();

        assertThat(failureOf(awaited)).isInstanceOf(JvmShutdownException.class)
                .hasMessage("db was stopped because the JVM is shutting down")
                .hasNoSuppressedExceptions();
        running.close();
    }

    @Test
    void onExitFailsWithTheShutdown() throws Exception {
        Running<Service> running = engine.start(recording("api", Dependencies.none()));
        CompletableFuture<Void> before = running.onExit();

        engine.shutdown();

        assertThat(failureOf(before)).isInstanceOf(JvmShutdownException.class);
        assertThat(failureOf(running.onExit())).as("asked after the hook finished")
                .isInstanceOf(JvmShutdownException.class);
    }

    @Test
    void aStopPastItsDeadlineIsAttachedAsItsTimeout() throws Exception {
        var released = new CountDownLatch(1);
        Service stuck = new Service() {
            @Override
            public void stop() {
                while (true) {
                    try {
                        released.await();
                        return;
                    } catch (InterruptedException deadlinePassed) {
                        // stuck on: the engine stops waiting
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
        };
        Running<Service> running = engine.start(stuck);
        try {
            String unused = shutdownPrinting();

            assertThat(failureOf(running.onExit())).isInstanceOf(JvmShutdownException.class)
                    .satisfies(shutdown -> assertThat(shutdown.getSuppressed())
                            .singleElement().isInstanceOf(ShutdownTimeoutException.class));
        } finally {
            released.countDown();
        }
    }

    @Test
    void aRootClosedBeforeTheShutdownEndedByItself() throws Exception {
        Running<Service> running = engine.start(recording("api", Dependencies.none()));
        running.close();

        engine.shutdown();

        running.await();
        assertThat(running.onExit()).isCompleted().isNotCompletedExceptionally();
    }
}
