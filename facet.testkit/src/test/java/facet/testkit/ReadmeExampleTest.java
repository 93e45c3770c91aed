package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's property over a user's own graph, as written there: it must compile, pass on the
 * application, and fail on the same application with a bug planted in it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReadmeExampleTest {

    /** A user's services: a pool, whose connection exists only while it runs. */
    static final class Pool implements Service {
        private volatile @Nullable Object connection;

        @Override
        public void start() throws InterruptedException {
            Facet.sleep(Duration.ofMillis(5)); // connects
            connection = new Object();
        }

        @Override
        public void stop() throws InterruptedException {
            Facet.sleep(Duration.ofMillis(50));
            connection = null;
        }

        Object connection() {
            Object open = connection;
            if (open == null) {
                throw new IllegalStateException("the pool is not connected");
            }
            return open;
        }
    }

    /** A cache over the pool, warmed by a task; the planted bug forgets to declare the pool. */
    static final class Cache implements Service {
        private final Pool pool;
        private final boolean declaresPool;

        Cache(Pool pool, boolean declaresPool) {
            this.pool = pool;
            this.declaresPool = declaresPool;
        }

        @Override
        public Dependencies dependencies() {
            return declaresPool ? Dependencies.of(pool) : Dependencies.none();
        }

        @Override
        public void start() {
            var unused = addTask(() -> {
                var warm = pool.connection();
                Facet.sleep(Duration.ofSeconds(1));
                return warm;
            });
        }
    }

    /** An application over both, started in one parallel step. */
    static final class Application implements Service {
        private final Pool pool = new Pool();
        private final Cache cache;

        Application() {
            this(true);
        }

        Application(boolean cacheDeclaresPool) {
            cache = new Cache(pool, cacheDeclaresPool);
        }

        @Override
        public Dependencies dependencies() {
            return Dependencies.parallel(pool, cache);
        }
    }

    /** The README's property, word for word but for where the application comes from. */
    static void myApplicationKeepsTheRules(Supplier<Application> application) {
        Property.forAll(seed -> seed)                          // each try: a seed
                .tries(500)
                .check(seed -> {
                    var journal = new Journal();
                    var app = application.get();                // your own services
                    var rules = Invariants.of(app);             // reads the graph once
                    Simulation.seeded(seed).journal(journal).run(facet -> {
                        facet.start(app).close();
                        return null;
                    }).orThrow();                               // the application threw nothing
                    rules.check(journal);                       // R1-R7, every violation listed
                });
    }

    @Test
    void theApplicationPasses() {
        myApplicationKeepsTheRules(Application::new);
    }

    @Test
    void aTaskReadingADependencyItDidNotDeclareFailsTheProperty() {
        var failure = catchThrowableOfType(AssertionError.class,
                () -> myApplicationKeepsTheRules(() -> new Application(false)));

        assertThat(failure).as("the planted bug fails the property").isNotNull();
        assertThat(failure.getCause()).isInstanceOfSatisfying(SimulationException.class, thrown -> {
            assertThat(thrown.kind()).isEqualTo(SimulationException.Kind.SCENARIO_FAILED);
            assertThat(thrown.replay()).startsWith("Simulation.seeded(");
            assertThat(thrown).hasRootCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("the pool is not connected");
        });
    }

    private static Simulation.Result<@Nullable Void> startAndClose(Simulation simulation,
            Service app) throws InterruptedException {
        return simulation.<@Nullable Void>run(facet -> {
            facet.start(app).close();
            return null;
        });
    }

    private static long notFirstOption(List<Integer> choices) {
        return choices.stream().filter(choice -> choice != 0).count();
    }

    @Test
    void theScheduleOfAFailingRunShrinksToOneThatFailsEveryTime() throws Exception {
        var failure = catchThrowableOfType(PropertyFailure.class, () ->
                Property.forAll(Simulation::seeded)
                        .shrinking(Simulation::shrink)
                        .describedBy(Simulation::replayLine)
                        .tries(500)
                        .check(simulation -> {
                            var journal = new Journal();
                            var app = new Application(false);
                            var rules = Invariants.of(app);
                            // a copy with a journal: its run is what the given one shrinks
                            startAndClose(simulation.journal(journal), app).orThrow();
                            rules.check(journal);
                        }));

        assertThat(failure).as("the planted bug fails the property").isNotNull();
        assertThat(failure.shrinks()).isPositive();
        assertThat(failure.described()).startsWith("Simulation.replaying(List.of(");
        var shrunk = (Simulation) Objects.requireNonNull(failure.shrunk());
        assertThat(shrunk.replayLine()).isEqualTo(failure.described());
        for (int replay = 0; replay < 3; replay++) {
            assertThat(startAndClose(shrunk, new Application(false)).thrown())
                    .as("replay %d of the shrunk schedule", replay)
                    .hasMessage("the pool is not connected");
        }
        // simpler: no more choices away from the most sequential run than the seed's own
        var original = startAndClose(Simulation.seeded(failure.seed()), new Application(false));
        assertThat(original.thrown()).isNotNull();
        var simplest = startAndClose(shrunk, new Application(false));
        assertThat(notFirstOption(simplest.choices()))
                .isLessThanOrEqualTo(notFirstOption(original.choices()));
    }
}
