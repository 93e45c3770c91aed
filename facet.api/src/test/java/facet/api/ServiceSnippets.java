package facet.api;

import java.time.Duration;

/** The compiled examples of the javadoc of {@link Service}. */
// the examples show their hooks without @Override
@SuppressWarnings("MissingOverride")
final class ServiceSnippets {

    /** A connection pool, as a client library would hand one out. */
    interface Pool {
        void close();
    }

    /** The configuration the database reads, a service of its own. */
    static final class Config implements Service {
        String url() {
            return "db://localhost";
        }
    }

    static Pool connect(String url) {
        return () -> {};
    }

    // an inner class, as the example declares it; pool is set by start(), before any stop()
    @SuppressWarnings({"ClassCanBeStatic", "NullAway.Init"})
    // @start region=database
    final class Database implements Service {
        private final Config config;
        private Pool pool;
        Database(Config config) { this.config = config; }

        public Dependencies dependencies() { return Dependencies.of(config); }
        public void start() throws Exception { pool = connect(config.url()); }
        public void stop() throws Exception { pool.close(); }
    }
    // @end

    /** A service that may take a minute to stop. */
    static final class Slow implements Service {
        // @start region=gracefulShutdownTimeout
        public Duration gracefulShutdownTimeout() {
            return Duration.ofSeconds(60);
        }
        // @end
    }

    /** The service the {@code run} example runs. */
    static final class Application implements Service {}

    // @start region=main
    public static void main(String[] args) throws Exception {
        new Application().run();   // Ctrl-C stops it gracefully
    }
    // @end

    /** A {@code main} that tells a shutdown from an end of its own. */
    static final class Reporting {
        // @start region=jvmShutdown
        public static void main(String[] args) throws Exception {
            try {
                new Application().run();
                System.out.println("the application ended by itself");
            } catch (JvmShutdownException shutdown) {
                for (Throwable failed : shutdown.getSuppressed()) {
                    System.err.println("the shutdown did not go well: " + failed);
                }
            }
        }
        // @end
    }

    /** A service that starts a task. */
    static final class Worker implements Service {
        @SuppressWarnings("FutureReturnValueIgnored") // the example leaves the future out
        // @start region=addTask
        public void start() {
            addTask(() -> {
                Thread.sleep(1_000);
                System.out.println("task done");
            });
        }
        // @end
    }
}
