package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import facet.api.Dependencies;
import facet.api.Drainable;
import facet.api.Facet;
import facet.api.RootStatus;
import facet.api.Service;
import facet.api.ShutdownTimeoutException;
import facet.testkit.Action;
import facet.testkit.Journal;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drain before stop: before a service's {@code stop()}, every running {@link Drainable} of its
 * tree not drained since it started is drained, on that stop's thread, within its timeout; not
 * in a rollback. And {@link Facet#roots()}: the roots held, and where their trees are.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DrainTest extends Graphs {

    /** What a drain does after it journaled itself. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** A service that journals its drain, its start and its stop; its drain runs {@code then}. */
    static final class Draining implements Service, Drainable {
        private final String name;
        private final Journal journal;
        private final Dependencies dependencies;
        private Step then = () -> { };
        private Duration timeout = Duration.ofSeconds(10);

        Draining(String name, Journal journal, Service... dependencies) {
            this.name = name;
            this.journal = journal;
            this.dependencies = Dependencies.of(dependencies);
        }

        Draining then(Step action) {
            then = action;
            return this;
        }

        Draining timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        @Override
        public Duration gracefulShutdownTimeout() {
            return timeout;
        }

        @Override
        public void drain() throws Exception {
            journal.record(name, "drain");
            then.run();
        }

        @Override
        public void start() {
            journal.record(name, "start");
        }

        @Override
        public void stop() {
            journal.record(name, "stop");
        }

        @Override
        public Dependencies dependencies() {
            return dependencies;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void everyDrainOfATreeComesBeforeItsFirstStopInTheOrderOfTheTree() throws Exception {
        var db = new Draining("db", journal);
        var health = new Draining("health", journal);
        var web = service("web").dependsOn(Dependencies.of(db));
        var root = service("root").dependsOn(Dependencies.of(health, web));

        try (var running = Facet.start(root)) {
            assertThat(journal.count("health", "drain")).isZero();
        }

        // the root first, then breadth first: health, web, db; each once, then the stops
        assertThat(journal.lines()).containsSubsequence(
                "health drain", "db drain", "root stop", "web stop", "db stop");
        assertThat(at("db", "drain")).isLessThan(at("root", "stop"));
        assertThat(journal.count("health", "drain")).isOne();
        assertThat(journal.count("db", "drain")).isOne();
    }

    @Test
    void aDrainRunsOnTheThreadOfTheStopItPrecedes() throws Exception {
        var threads = new CopyOnWriteArrayList<String>();
        var health = new Draining("health", journal)
                .then(() -> threads.add(Thread.currentThread().getName()));
        var root = service("root").dependsOn(Dependencies.of(health))
                .onStop(self -> threads.add(Thread.currentThread().getName()));

        Facet.start(root).close();

        assertThat(threads).containsExactly("facet-stop-root", "facet-stop-root");
    }

    @Test
    void aSharedServiceIsDrainedOnceAsItsFirstRootStopsAndAgainAfterItsNextStart()
            throws Exception {
        var health = new Draining("health", journal);
        var first = service("first").dependsOn(Dependencies.of(health));
        var second = service("second").dependsOn(Dependencies.of(health));

        var one = Facet.start(first);
        var two = Facet.start(second);
        one.close();
        assertThat(journal.count("health", "drain")).isOne();
        assertThat(at("health", "drain")).isLessThan(at("first", "stop"));
        assertThat(journal.count("health", "stop")).isZero();

        two.close();
        assertThat(journal.count("health", "drain")).isOne();

        Facet.start(first).close();
        assertThat(journal.count("health", "drain")).isEqualTo(2);
    }

    @Test
    void aRollbackDrainsNothing() throws Exception {
        var failure = new IOException("start failed");
        var health = new Draining("health", journal);
        var root = service("root").dependsOn(Dependencies.of(health))
                .onStart(Action.fail(failure));

        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(failure);

        assertThat(linesOf("health")).containsExactly("start", "stop");
    }

    @Test
    void aDrainThatThrowsFailsTheStopItPrecedesAndTheRestGoesOn() throws Exception {
        var failure = new IOException("drain failed");
        var health = new Draining("health", journal).then(() -> {
            throw failure;
        });
        var other = new Draining("other", journal);
        var root = service("root").dependsOn(Dependencies.of(health, other));

        var running = Facet.start(root);
        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isSameAs(failure);
        assertThat(journal.lines()).containsSubsequence(
                "health drain", "other drain", "root stop", "health stop");
        assertThat(linesOf("other")).containsExactly("start", "drain", "stop");
    }

    @Test
    void aStopThatThrowsCarriesTheFailureOfTheDrainBeforeIt() throws Exception {
        var drainFailure = new IOException("drain failed");
        var stopFailure = new IOException("stop failed");
        var health = new Draining("health", journal).then(() -> {
            throw drainFailure;
        });
        var root = service("root").dependsOn(Dependencies.of(health))
                .onStop(Action.fail(stopFailure));

        var running = Facet.start(root);
        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isSameAs(stopFailure);
        assertThat(thrown.getSuppressed()).contains(drainFailure);
    }

    @Test
    void aDrainPastTheDeadlineIsInterruptedAsItsStopWouldBe() throws Exception {
        var interrupted = new CountDownLatch(1);
        var health = new Draining("health", journal).then(() -> {
            try {
                new CountDownLatch(1).await(); // drains forever, until the deadline
            } catch (InterruptedException expected) {
                interrupted.countDown();
                throw expected;
            }
        });
        var root = service("root").dependsOn(Dependencies.of(health))
                .timeout(Duration.ofMillis(200));

        var running = Facet.start(root);
        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageContaining("still stopping: root in drain() of health");
        assertThat(thrown.getSuppressed()).anySatisfy(stuck -> assertThat(stuck)
                .hasMessageStartingWith("root was still in drain() of health on thread"));
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStopStuckInItsOwnDrainIsNamedThere() throws Exception {
        var gateway = new Draining("gateway", journal).then(() -> new CountDownLatch(1).await())
                .timeout(Duration.ofMillis(100));

        var running = Facet.start(gateway);
        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageEndingWith("still stopping: gateway in drain()");
    }

    @Test
    void aStopWaitsForADrainOfItsTreeThatAnotherStopBegan() throws Exception {
        var release = new CountDownLatch(1);
        var drained = new CountDownLatch(1);
        var health = new Draining("health", journal).then(() -> {
            awaitIgnoringInterrupts(release); // past the first close's deadline, on and on
            drained.countDown();
        });
        var first = service("first").dependsOn(Dependencies.of(health))
                .timeout(Duration.ofMillis(100));
        var sawDrained = new AtomicReference<Boolean>();
        var secondStopped = new CountDownLatch(1);
        // not Drainable itself: its stop has nothing to drain, only a drain to wait for
        var second = new Service() {
            @Override
            public Dependencies dependencies() {
                return Dependencies.of(health);
            }

            @Override
            public Duration gracefulShutdownTimeout() {
                return Duration.ofMillis(100);
            }

            @Override
            public void stop() {
                sawDrained.set(drained.getCount() == 0);
                secondStopped.countDown();
            }

            @Override
            public String toString() {
                return "second";
            }
        };
        var one = Facet.start(first);
        var two = Facet.start(second);

        // first's close drains health, and gives up with that drain under way
        assertThat(catchThrowable(one::close)).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageContaining("first in drain() of health");
        // second's stop waits for that drain, past its own deadline
        assertThat(catchThrowable(two::close)).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageContaining("second waiting for a drain of its tree that another stop"
                        + " began");
        release.countDown();

        assertThat(secondStopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sawDrained.get()).as("health had drained when second's stop() was called")
                .isTrue();
        assertThat(journal.count("health", "drain")).isOne();
        pollUntil(() -> Facet.roots().isEmpty() && journal.count("health", "stop") == 1,
                "health never stopped: " + journal);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException ignored) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCrashedTreeIsDrainedAsItStops() throws Exception {
        var crash = new IOException("crash");
        var started = new CountDownLatch(1);
        var health = new Draining("health", journal);
        var root = service("root").dependsOn(Dependencies.of(health))
                .onStart(self -> self.addScriptedTask(task -> {
                    started.await(); // a crash before then would fail the start instead
                    throw crash;
                }));

        var running = Facet.start(root);
        started.countDown();
        assertThat(catchThrowable(running::await)).isSameAs(crash);
        assertThat(catchThrowable(running::close)).isNull();

        assertThat(journal.lines()).containsSubsequence("health drain", "root stop");
    }

    @Test
    void rootsListsEachHeldRootOldestFirstWithWhereItsTreeIs() throws Exception {
        var seenWhileStarting = new AtomicReference<List<RootStatus>>();
        var first = service("first");
        var second = service("second")
                .onStart(self -> seenWhileStarting.set(Facet.roots()));

        try (var one = Facet.start(first); var two = Facet.start(second)) {
            assertThat(seenWhileStarting.get())
                    .extracting(RootStatus::name, RootStatus::state, RootStatus::crashed)
                    .containsExactly(
                            tuple(
                                    "first", RootStatus.State.RUNNING, false),
                            tuple(
                                    "second", RootStatus.State.STARTING, false));
            assertThat(Facet.roots()).extracting(RootStatus::service)
                    .containsExactly(first, second);
            assertThat(Facet.roots()).extracting(RootStatus::state)
                    .containsOnly(RootStatus.State.RUNNING);
        }
        assertThat(Facet.roots()).isEmpty();
    }

    @Test
    void aCrashedRootIsListedCrashedUntilItsClose() throws Exception {
        var crash = new IOException("crash");
        var started = new CountDownLatch(1);
        var root = service("root").onStart(self -> self.addScriptedTask(task -> {
            started.await(); // a crash before then would fail the start instead
            throw crash;
        }));

        var running = Facet.start(root);
        started.countDown();
        assertThat(catchThrowable(running::await)).isSameAs(crash);

        assertThat(Facet.roots()).singleElement()
                .satisfies(status -> assertThat(status.crashed()).isTrue());
        assertThat(catchThrowable(running::close)).isNull();
        assertThat(Facet.roots()).isEmpty();
    }

    @Test
    void aRootIsListedStoppingFromItsLastCloseUntilItsStopIsOver() throws Exception {
        var inStop = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var root = service("root").onStop(Action.pause(inStop, release));
        var running = Facet.start(root);
        var closed = new CountDownLatch(1);
        Thread closing = Thread.ofPlatform().start(() -> {
            try {
                running.close();
                closed.countDown();
            } catch (Exception unexpected) {
                journal.record("root", "close threw " + unexpected);
            }
        });

        assertThat(inStop.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Facet.roots()).singleElement().satisfies(status -> {
            assertThat(status.service()).isSameAs(root);
            assertThat(status.state()).isEqualTo(RootStatus.State.STOPPING);
            assertThat(status.crashed()).isFalse();
        });

        release.countDown();
        closing.join();
        assertThat(closed.getCount()).as("close() returned: " + journal).isZero();
        assertThat(Facet.roots()).isEmpty();
    }
}
