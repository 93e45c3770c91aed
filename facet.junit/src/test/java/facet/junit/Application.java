package facet.junit;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import facet.testkit.Simulation;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A user's application for the examples and the sample tests: a pool and a cache over it. */
final class Application implements Service {

    /** A pool whose connection exists only while it runs. */
    static final class Pool implements Service {
        private volatile @Nullable Object connection;

        @Override
        public void start() throws InterruptedException {
            Facet.sleep(Duration.ofMillis(5)); // connects
            connection = new Object();
        }

        @Override
        public void stop() {
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

    /** A cache warmed from the pool by a task; the planted bug forgets to declare the pool. */
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
            var unused = addTask(pool::connection);
        }
    }

    final Pool pool = new Pool();
    final Cache cache;

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
