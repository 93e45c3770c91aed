package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The testkit catches bugs in a user's own services, as a user would write the test: a property
 * over simulations, each try one seed. Each bug is planted in a small application; the property
 * fails, names the seed, and shrinks the failing run to a simpler schedule; the seed and the
 * shrunk schedule each fail again every time they are replayed, and the same application with
 * the bug fixed passes every try.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PlantedBugsTest {

    /** A database whose connection exists only between its start() and its stop(). */
    static final class Database implements Service {
        volatile @Nullable Object connection;

        @Override
        public void start() throws InterruptedException {
            Facet.sleep(Duration.ofMillis(1)); // connects
            connection = new Object();
        }

        @Override
        public void stop() {
            connection = null;
        }

        Object query() {
            Object open = connection;
            if (open == null) {
                throw new IllegalStateException("no connection");
            }
            return open;
        }
    }

    // ------------------------------------------------------------------ bug 1

    /** Warms itself from the database in a background task. */
    static final class Cache implements Service {
        private final Database database;
        private final boolean dependsOnDatabase;

        Cache(Database database, boolean dependsOnDatabase) {
            this.database = database;
            this.dependsOnDatabase = dependsOnDatabase;
        }

        @Override
        public Dependencies dependencies() {
            return dependsOnDatabase ? Dependencies.of(database) : Dependencies.none();
        }

        @Override
        public void start() {
            var unused = addTask(database::query);
        }
    }

    /**
     * The bug: the cache reads the database but does not depend on it; the application starts
     * both in one parallel step, so on some schedules the cache's task runs before the
     * database's {@code start()} returned.
     */
    static Service cacheApplication(boolean fixed) {
        var database = new Database();
        var cache = new Cache(database, fixed);
        return new Service() {
            @Override
            public Dependencies dependencies() {
                return Dependencies.parallel(database, cache);
            }

            @Override
            public String toString() {
                return "CacheApplication";
            }
        };
    }

    @Test
    void aTaskReadingAnUndeclaredDependencyIsCaught() {
        assertCaught(PlantedBugsTest::cacheApplication);
    }

    // ------------------------------------------------------------------ bug 2

    /** Flushes what it buffered into the database as it stops. */
    static final class Journaler implements Service {
        private final Database database;
        private final boolean dependsOnDatabase;

        Journaler(Database database, boolean dependsOnDatabase) {
            this.database = database;
            this.dependsOnDatabase = dependsOnDatabase;
        }

        @Override
        public Dependencies dependencies() {
            return dependsOnDatabase ? Dependencies.of(database) : Dependencies.none();
        }

        @Override
        public void stop() throws InterruptedException {
            Facet.sleep(Duration.ofMillis(1)); // gathers the buffer
            var unused = database.query();
        }
    }

    /**
     * The bug: the journaler uses the database in {@code stop()} but does not depend on it, so
     * on some schedules the database stops first.
     */
    static Service journalerApplication(boolean fixed) {
        var database = new Database();
        var journaler = new Journaler(database, fixed);
        return new Service() {
            @Override
            public Dependencies dependencies() {
                return Dependencies.parallel(database, journaler);
            }

            @Override
            public String toString() {
                return "JournalerApplication";
            }
        };
    }

    @Test
    void aStopUsingAnUndeclaredDependencyIsCaught() {
        assertCaught(PlantedBugsTest::journalerApplication);
    }

    // ------------------------------------------------------------------ bug 3

    /** What two plugins share: it must be made once. */
    static final class Registry implements Service {
        final AtomicInteger made = new AtomicInteger();
        volatile @Nullable Object instance;

        @Override
        public void start() throws InterruptedException {
            makeOnce();
        }

        /** Check, then act: not atomic, since reading the configuration lets others run. */
        void makeOnce() throws InterruptedException {
            if (instance == null) {
                Facet.sleep(Duration.ofMillis(1)); // reads its configuration
                instance = new Object();
                made.incrementAndGet();
            }
        }
    }

    /** Uses the registry; the buggy one makes it itself if nobody has. */
    static final class Plugin implements Service {
        private final String name;
        private final Registry registry;
        private final boolean sharesRegistry;

        Plugin(String name, Registry registry, boolean sharesRegistry) {
            this.name = name;
            this.registry = registry;
            this.sharesRegistry = sharesRegistry;
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public Dependencies dependencies() {
            return sharesRegistry ? Dependencies.of(registry) : Dependencies.none();
        }

        @Override
        public void start() throws InterruptedException {
            if (!sharesRegistry) {
                registry.makeOnce();
            }
        }
    }

    /**
     * The bug: two plugins started together each make the registry if none exists yet (check,
     * then act). The fix makes the registry a service both depend on: facet starts a shared
     * service once (R3).
     */
    static Service pluginApplication(boolean fixed) {
        var registry = new Registry();
        var first = new Plugin("FirstPlugin", registry, fixed);
        var second = new Plugin("SecondPlugin", registry, fixed);
        return new Service() {
            @Override
            public Dependencies dependencies() {
                return Dependencies.parallel(first, second);
            }

            @Override
            public void start() {
                if (registry.made.get() != 1) {
                    throw new IllegalStateException(
                            "the registry was made " + registry.made.get() + " times");
                }
            }

            @Override
            public String toString() {
                return "PluginApplication";
            }
        };
    }

    @Test
    void aCheckThenActRaceBetweenParallelStartsIsCaught() {
        assertCaught(PlantedBugsTest::pluginApplication);
    }

    // ------------------------------------------------------------------ the property

    /** Makes an application, with the bug or with it fixed. */
    @FunctionalInterface
    interface Application {
        Service make(boolean fixed);
    }

    /**
     * The property a user writes: every try starts and closes the application on a simulation of
     * its own, which must throw nothing, and facet's rules must hold; a failing run is shrunk
     * over its schedule.
     */
    private static void checkProperty(Application application, boolean fixed) {
        Property.forAll(Simulation::seeded)
                .shrinking(Simulation::shrink)
                .describedBy(Simulation::replayLine)
                .tries(300)
                .check(simulation -> runOnce(application.make(fixed), simulation));
    }

    private static void runOnce(Service app, Simulation simulation) throws Exception {
        var journal = new Journal();
        var rules = Invariants.of(app);
        // a copy with a journal: its run is the one the given simulation shrinks
        simulation.journal(journal).<@Nullable Void>run(facet -> {
            facet.start(app).close();
            return null;
        }).orThrow();
        rules.check(journal);
    }

    private static void assertCaught(Application application) {
        var caught = catchThrowableOfType(PropertyFailure.class,
                () -> checkProperty(application, false));

        assertThat(caught).as("the planted bug is caught").isNotNull();
        assertThat(caught.getMessage()).contains(String.valueOf(caught.seed()));
        var shrunk = (Simulation) Objects.requireNonNull(caught.shrunk());
        assertThat(caught.described()).isEqualTo(shrunk.replayLine())
                .startsWith("Simulation.replaying(List.of(");
        for (int replay = 0; replay < 3; replay++) {
            assertThat(catchThrowableOfType(AssertionError.class, () -> runOnce(
                    application.make(false), Simulation.seeded(caught.seed()))))
                    .as("replay %d of the seed fails again", replay).isNotNull();
            assertThat(catchThrowableOfType(AssertionError.class,
                    () -> runOnce(application.make(false), shrunk)))
                    .as("replay %d of the shrunk schedule fails again", replay).isNotNull();
        }
        checkProperty(application, true); // the same application, fixed, passes every try
    }
}
