package facet.testkit;

import facet.api.Dependencies;
import facet.api.Service;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's property over a user's own graph, as written there: it must compile and pass. */
class ReadmeExampleTest {

    /** A user's services: a pool, a cache over it, an application over both. */
    static final class Pool implements Service {
        @Override
        public void stop() throws InterruptedException {
            Simulation.sleep(Duration.ofMillis(50));
        }
    }

    static final class Cache implements Service {
        private final Pool pool;

        Cache(Pool pool) {
            this.pool = pool;
        }

        @Override
        public Dependencies dependencies() {
            return Dependencies.of(pool);
        }

        @Override
        public void start() {
            var unused = addTask(() -> Simulation.sleep(Duration.ofSeconds(1)));
        }
    }

    static final class Application implements Service {
        private final Pool pool = new Pool();
        private final Cache cache = new Cache(pool);

        @Override
        public Dependencies dependencies() {
            return Dependencies.parallel(pool, cache);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void myApplicationKeepsTheRules() {
        Property.forAll(seed -> seed)                          // each try: a seed
                .tries(500)
                .check(seed -> {
                    var journal = new Journal();
                    var app = new Application();                // your own services
                    var rules = Invariants.of(app);             // reads the graph once
                    Simulation.seeded(seed).journal(journal).run(facet -> {
                        facet.start(app).close();
                        return null;
                    });
                    rules.check(journal);                       // R1-R7, every violation listed
                });
    }
}
