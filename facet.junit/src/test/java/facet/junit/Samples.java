package facet.junit;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Running;
import facet.api.Service;
import facet.testkit.Simulation;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Test classes as a user writes them, run by {@link StartedExtensionTest} and
 * {@link SimulatedTestTest} through JUnit's own engine; Surefire leaves nested classes alone.
 */
final class Samples {

    /** What the samples' services did, in order. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger CALLS = new AtomicInteger();

    private Samples() {}

    static void reset() {
        EVENTS.clear();
        CALLS.set(0);
    }

    /** Records its start and stop; may fail either. */
    static class Recorded implements Service {
        final String name;
        final Dependencies dependencies;
        final boolean startFails;
        final boolean stopFails;

        Recorded(String name, Dependencies dependencies, boolean startFails, boolean stopFails) {
            this.name = name;
            this.dependencies = dependencies;
            this.startFails = startFails;
            this.stopFails = stopFails;
        }

        Recorded(String name) {
            this(name, Dependencies.none(), false, false);
        }

        @Override
        public Dependencies dependencies() {
            return dependencies;
        }

        @Override
        public void start() throws IOException {
            EVENTS.add(name + " start");
            if (startFails) {
                throw new IOException(name + " cannot start");
            }
        }

        @Override
        public void stop() {
            EVENTS.add(name + " stop");
            if (stopFails) {
                throw new IllegalStateException(name + " cannot stop");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Its task fails when told to: the stack crashes. */
    static final class Crashing extends Recorded {
        private final CountDownLatch go = new CountDownLatch(1);

        Crashing(String name) {
            super(name);
        }

        @Override
        public void start() throws IOException {
            super.start();
            var unused = addTask(() -> {
                go.await();
                throw new IOException(name + " crashed");
            });
        }

        void crashAndWait(Running<?> running) throws Exception {
            go.countDown();
            var unused = running.onExit().handle((ended, failure) -> failure).get(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ @Started

    /** A type of its own, to be asked for by it. */
    static final class Web extends Recorded {
        Web() {
            super("web", Dependencies.of(new Recorded("cache")), false, false);
        }
    }

    static class ClassWide {
        @Started static final Recorded database = new Recorded("database");
        @Started static final Web web = new Web();

        @Test
        void getsTheStartedServices(Running<Web> running, Web started) {
            assertThat(running.service()).isSameAs(started).isSameAs(web);
            assertThat(started.running()).isTrue();
            EVENTS.add("test");
        }

        @Test
        void cannotTellWhichOfTwo(Running<?> either) {
            EVENTS.add("never");
        }

        @Test
        void cannotHaveAServiceNobodyStarted(Crashing notStarted) {
            EVENTS.add("never");
        }
    }

    static class PerTest {
        @Started final Recorded service = new Recorded("service");

        @Test
        void first(Recorded started) {
            assertThat(started).isSameAs(service);
            assertThat(started.running()).isTrue();
            EVENTS.add("first");
        }

        @Test
        void second(Running<Recorded> running) {
            assertThat(running.service()).isSameAs(service);
            EVENTS.add("second");
        }
    }

    static class CrashInATest {
        @Started final Crashing crashing = new Crashing("crashing");

        @Test
        void crashes(Running<Crashing> running) throws Exception {
            running.service().crashAndWait(running);
        }
    }

    static class ClassWideCrash {
        @Started static final Crashing crashing = new Crashing("shared");

        @Test
        void crashes(Running<Crashing> running) throws Exception {
            running.service().crashAndWait(running);
        }
    }

    static class StopFailsAfterAll {
        @Started static final Recorded failing = new Recorded("failing", Dependencies.none(),
                false, true);

        @Test
        void runs() {
            EVENTS.add("test");
        }
    }

    static class SecondStartFails {
        @Started final Recorded first = new Recorded("first");
        @Started final Recorded second = new Recorded("second", Dependencies.none(), true, false);

        @Test
        void never() {
            EVENTS.add("test");
        }
    }

    static class NullField {
        @Started final @Nullable Recorded missing = null;

        @Test
        void never() {
            EVENTS.add("test");
        }
    }

    // ------------------------------------------------------------------ @SimulatedTest

    static class CorrectApplication {
        @SimulatedTest(tries = 40)
        void startsAndStops(Simulation simulation) throws Exception {
            CALLS.incrementAndGet();
            var app = new Application();
            simulation.run(facet -> {
                facet.start(app).close();
                return null;
            }).orThrow();
        }
    }

    static class PlantedBug {
        @SimulatedTest(tries = 300)
        void startsAndStops(Simulation simulation) throws Exception {
            CALLS.incrementAndGet();
            var app = new Application(false);
            simulation.run(facet -> {
                facet.start(app).close();
                return null;
            }).orThrow();
        }
    }

    static class NoSimulationParameter {
        @SimulatedTest
        void forgot() {
            CALLS.incrementAndGet();
        }
    }
}
