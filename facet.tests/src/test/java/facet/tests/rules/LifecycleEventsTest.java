package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.LifecycleEvent;
import facet.api.LifecycleListener;
import facet.testkit.Action;
import facet.testkit.ScriptedService;
import facet.testkit.Simulation;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lifecycle events a user's {@link LifecycleListener} hears: each hook as it begins and ends,
 * with its duration and failure, in the order R1 and R2 give, failed tasks but not cancelled
 * ones, abandoned stops with their stack; a listener that throws changes nothing, and a closed
 * registration hears nothing more. On the JVM's engine (each backend) and in simulations, whose
 * virtual time makes the durations exact.
 */
// registrations and holds are kept for a block, not used in it
@SuppressWarnings("try")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LifecycleEventsTest extends Graphs {

    /** Keeps the events about the services it is told of, as "Kind name" lines. */
    private static final class Recorder implements LifecycleListener {
        final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
        private final Set<String> names;

        Recorder(String... names) {
            this.names = Set.of(names);
        }

        @Override
        public void onEvent(LifecycleEvent event) {
            if (names.contains(event.name())) { // the JVM's engine may run other tests' services
                events.add(event);
            }
        }

        List<String> lines() {
            return events.stream()
                    .map(event -> event.getClass().getSimpleName() + " " + event.name())
                    .toList();
        }

        int indexOf(String line) {
            int at = lines().indexOf(line);
            assertThat(at).as("%s in %s", line, lines()).isNotNegative();
            return at;
        }
    }

    @Test
    void eachHookIsToldAsItBeginsAndEndsDependenciesFirstOnStartAndLastOnStop()
            throws Exception {
        var db = service("ev0-db");
        var left = service("ev0-left").dependsOn(Dependencies.of(db));
        var right = service("ev0-right").dependsOn(Dependencies.of(db));
        var root = service("ev0-root").dependsOn(Dependencies.parallel(left, right));
        var recorder = new Recorder("ev0-db", "ev0-left", "ev0-right", "ev0-root");

        try (var registration = Facet.addListener(recorder)) {
            Facet.start(root).close();
        }

        assertThat(recorder.lines()).hasSize(16).startsWith("Starting ev0-db", "Started ev0-db")
                .endsWith("Stopping ev0-db", "Stopped ev0-db");
        for (String branch : List.of("ev0-left", "ev0-right")) {
            assertThat(recorder.indexOf("Started " + branch))
                    .isGreaterThan(recorder.indexOf("Starting " + branch))
                    .isLessThan(recorder.indexOf("Starting ev0-root"));
            assertThat(recorder.indexOf("Stopping " + branch))
                    .isGreaterThan(recorder.indexOf("Stopped ev0-root"));
            assertThat(recorder.indexOf("Stopped " + branch))
                    .isGreaterThan(recorder.indexOf("Stopping " + branch))
                    .isLessThan(recorder.indexOf("Stopping ev0-db"));
        }
        assertThat(recorder.events).allSatisfy(event -> assertThat(event.service())
                .isIn(db, left, right, root));
    }

    @Test
    void aStartThatThrowsIsToldWithTheSameFailureAndTheRollbackAsStops() throws Exception {
        var failure = new IOException("no disk");
        var db = service("ev1-db");
        var broken = service("ev1-broken").dependsOn(Dependencies.of(db)).onStart(self -> {
            throw failure;
        });
        var recorder = new Recorder("ev1-db", "ev1-broken");

        try (var registration = Facet.addListener(recorder)) {
            assertThat(catchThrowable(() -> Facet.start(broken))).isSameAs(failure);
        }

        assertThat(recorder.lines()).containsExactly("Starting ev1-db", "Started ev1-db",
                "Starting ev1-broken", "StartFailed ev1-broken", "Stopping ev1-db", "Stopped ev1-db");
        assertThat(recorder.events.get(3)).isInstanceOfSatisfying(LifecycleEvent.StartFailed.class,
                failed -> assertThat(failed.failure()).isSameAs(failure));
    }

    @Test
    void aStopThatThrowsIsToldWithTheSameFailure() throws Exception {
        var failure = new IOException("flush failed");
        var db = service("ev2-db").onStop(self -> {
            throw failure;
        });
        var recorder = new Recorder("ev2-db");

        try (var registration = Facet.addListener(recorder)) {
            var running = Facet.start(db);
            assertThat(catchThrowable(running::close)).isSameAs(failure);
        }

        assertThat(recorder.lines()).containsExactly("Starting ev2-db", "Started ev2-db",
                "Stopping ev2-db", "StopFailed ev2-db");
        assertThat(recorder.events.get(3)).isInstanceOfSatisfying(LifecycleEvent.StopFailed.class,
                failed -> assertThat(failed.failure()).isSameAs(failure));
    }

    @Test
    void durationsAreTheHooksOwnOnFacetsClock() throws Exception {
        var db = service("ev-db").onStart(Action.sleep(Duration.ofSeconds(3)))
                .onStop(Action.sleep(Duration.ofMillis(1500)));
        var recorder = new Recorder("ev-db");

        Simulation.seeded(7).run(facet -> {
            try (var registration = Facet.addListener(recorder)) {
                facet.start(db).close();
            }
            return null;
        }).orThrow();

        assertThat(recorder.events).hasSize(4);
        assertThat(recorder.events.get(1)).isEqualTo(
                new LifecycleEvent.Started(db, "ev-db", Duration.ofSeconds(3)));
        assertThat(recorder.events.get(3)).isEqualTo(
                new LifecycleEvent.Stopped(db, "ev-db", Duration.ofMillis(1500)));
    }

    @Test
    void aFailedTaskIsToldAndACancelledOneIsNot() throws Exception {
        var crash = new IOException("lost the connection");
        var root = service("ev-root");
        var recorder = new Recorder("ev-root");
        var sleeping = new AtomicReference<@Nullable Future<?>>();

        var result = Simulation.seeded(3).run(facet -> {
            try (var registration = Facet.addListener(recorder);
                    var running = facet.start(root)) {
                sleeping.set(root.addTask(() -> {
                    Facet.sleep(Duration.ofHours(1)); // cancelled at the stop below: not told
                    return null;
                }));
                var unused = root.addTask(() -> {
                    Facet.sleep(Duration.ofSeconds(1));
                    throw crash;
                });
                running.await();
            }
            return null;
        });

        assertThat(result.thrown()).isSameAs(crash);
        assertThat(sleeping.get()).isNotNull().satisfies(task -> assertThat(task.isCancelled())
                .as("the sleeping task was cancelled").isTrue());
        assertThat(recorder.lines()).containsExactly("Starting ev-root", "Started ev-root",
                "TaskFailed ev-root", "Stopping ev-root", "Stopped ev-root");
        assertThat(recorder.events.get(2)).isEqualTo(
                new LifecycleEvent.TaskFailed(root, "ev-root", crash));
    }

    @Test
    void aTaskThatThrowsAnInterruptOfItsOwnIsToldFailed() throws Exception {
        var own = new InterruptedException("not a cancel: the task's own failure");
        var root = service("ev-own");
        var recorder = new Recorder("ev-own");

        var result = Simulation.seeded(3).run(facet -> {
            try (var registration = Facet.addListener(recorder);
                    var running = facet.start(root)) {
                var unused = root.addTask(() -> {
                    throw own;
                });
                running.await();
            }
            return null;
        });

        assertThat(result.thrown()).isSameAs(own);
        assertThat(recorder.events).as("only the interrupt of a cancel ends a task quietly")
                .contains(new LifecycleEvent.TaskFailed(root, "ev-own", own));
    }

    @Test
    void aStopPastItsDeadlineIsToldAbandonedWithTheStackOfItsStop() throws Exception {
        var stuck = service("ev-stuck").timeout(Duration.ofSeconds(1))
                .onStop(Action.hangIgnoringInterrupts());
        var recorder = new Recorder("ev-stuck");

        var result = Simulation.seeded(5).run(facet -> {
            try (var registration = Facet.addListener(recorder)) {
                facet.start(stuck).close();
            }
            return null;
        });

        assertThat(result.thrown()).isNotNull();
        assertThat(recorder.lines()).startsWith("Starting ev-stuck", "Started ev-stuck",
                "Stopping ev-stuck", "StopAbandoned ev-stuck");
        var abandoned = (LifecycleEvent.StopAbandoned) recorder.events.get(3);
        assertThat(Arrays.stream(abandoned.stack()).map(StackTraceElement::getMethodName))
                .contains("stop");
        StackTraceElement[] copy = abandoned.stack();
        copy[0] = new StackTraceElement("Elsewhere", "changed", null, 1);
        assertThat(abandoned.stack()[0]).as("a copy: the event keeps its own")
                .isNotEqualTo(copy[0]);
    }

    @Test
    void aStopThatEndedBeforeTheDeadlineIsNotToldAbandoned() throws Exception {
        var quick = service("ev-quick");
        var stuck = service("ev-stuck").onStop(Action.hangIgnoringInterrupts());
        // ev-top's deadline holds the stops of both; ev-quick's is over when it passes
        var top = service("ev-top").timeout(Duration.ofSeconds(1))
                .dependsOn(Dependencies.parallel(quick, stuck));
        var recorder = new Recorder("ev-quick", "ev-stuck", "ev-top");

        var result = Simulation.seeded(5).run(facet -> {
            try (var registration = Facet.addListener(recorder)) {
                facet.start(top).close();
            }
            return null;
        });

        assertThat(result.thrown()).isNotNull();
        assertThat(recorder.lines()).contains("Stopped ev-quick", "StopAbandoned ev-stuck")
                .doesNotContain("StopAbandoned ev-quick");
    }

    @Test
    void aStopPastItsDeadlineWhileATaskIgnoresItsCancelIsToldWithTheStackOfTheTask()
            throws Exception {
        var busy = service("ev-busy").timeout(Duration.ofSeconds(1));
        var recorder = new Recorder("ev-busy");

        var result = Simulation.seeded(5).run(facet -> {
            try (var registration = Facet.addListener(recorder)) {
                try (var running = facet.start(busy)) {
                    var returns = busy.addTask(() -> null);
                    var unused = busy.addTask(() -> {
                        keepsWorking(busy);
                        return null;
                    });
                    returns.get();
                    Facet.sleep(Duration.ofMillis(1)); // the second task is under way
                }
            }
            return null;
        });

        assertThat(result.thrown()).isNotNull();
        assertThat(recorder.lines()).contains("StopAbandoned ev-busy");
        var abandoned = recorder.events.stream()
                .filter(LifecycleEvent.StopAbandoned.class::isInstance)
                .map(LifecycleEvent.StopAbandoned.class::cast).findFirst().orElseThrow();
        assertThat(Arrays.stream(abandoned.stack()).map(StackTraceElement::getMethodName))
                .as("its stop() returned: the task still running is what is stuck")
                .contains("keepsWorking").doesNotContain("stop");
    }

    /** A task's code that ignores the interrupt of its cancel: its stack names it. */
    private static void keepsWorking(ScriptedService service) throws Exception {
        Action.hangIgnoringInterrupts().run(service);
    }

    @Test
    void aListenerThatThrowsIsLoggedAndChangesNothing() throws Exception {
        var db = service("ev-db");
        var recorder = new Recorder("ev-db");
        LifecycleListener broken = event -> {
            throw new IllegalStateException("listener bug");
        };

        var result = Simulation.seeded(1).run(facet -> {
            try (var first = Facet.addListener(broken);
                    var second = Facet.addListener(recorder)) {
                facet.start(db).close();
            }
            return null;
        });

        assertThat(result.thrown()).isNull();
        assertThat(recorder.lines()).containsExactly("Starting ev-db", "Started ev-db",
                "Stopping ev-db", "Stopped ev-db");
        assertThat(result.log()).filteredOn(line -> line.contains("WARNING")
                        && line.contains("threw on") && line.contains("listener bug"))
                .hasSize(4);
        assertThat(linesOf("ev-db")).containsExactly("start", "started", "stop", "stopped");
    }

    @Test
    void aClosedRegistrationHearsNothingMoreAndClosesOnce() throws Exception {
        var db = service("ev7-db");
        var recorder = new Recorder("ev7-db");
        var twice = new Recorder("ev7-db");

        var registration = Facet.addListener(recorder);
        try (var second = Facet.addListener(twice);
                var third = Facet.addListener(twice)) {
            Facet.start(db).close();
            registration.close();
            registration.close();
            Facet.start(db).close();
        }
        Facet.start(db).close();

        assertThat(recorder.lines()).containsExactly("Starting ev7-db", "Started ev7-db",
                "Stopping ev7-db", "Stopped ev7-db");
        assertThat(twice.lines()).as("added twice: told twice, each time").hasSize(16);
    }

    @Test
    @SuppressWarnings("NullAway") // the null a user without NullAway could pass
    void aNullListenerIsRefused() {
        assertThat(catchThrowable(() -> Facet.addListener(null)))
                .isInstanceOf(NullPointerException.class).hasMessage("listener");
    }
}
