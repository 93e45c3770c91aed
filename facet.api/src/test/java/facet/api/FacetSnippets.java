package facet.api;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The compiled examples of the javadoc of {@link Facet}. */
final class FacetSnippets {

    /** The service the class example runs: it handles requests. */
    static final class Application implements Service {
        void handle(String request) {}
    }

    /** The service the {@code startAsync} example starts. */
    static final class App implements Service {}

    /** The service the {@code sleep} example shows: it retries a connection, on facet's time. */
    static final class Connection implements Service {
        // @start region=time
        private final Clock clock = Facet.clock();
        private Instant connectedAt = Instant.EPOCH;

        @Override
        public void start() throws Exception {
            for (int attempt = 1; !tryConnect(); attempt++) {
                Facet.sleep(Duration.ofMillis(100L << Math.min(attempt, 6))); // back off
            }
            connectedAt = clock.instant();
        }
        // @end

        private boolean tryConnect() {
            return connectedAt.equals(Instant.EPOCH);
        }
    }

    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    static void runOrHold(String request) throws Exception {
        // @start region=runOrHold
        // run until Ctrl-C (or a crash), then stop gracefully
        Facet.run(new Application());

        // or hold it for a while
        try (var running = Facet.start(new Application())) {
            running.service().handle(request);
        }
        // @end
    }

    @SuppressWarnings("try") // the registration is held for the run, not used in it
    static void addListener(System.Logger log) throws Exception {
        // @start region=addListener
        try (var registration = Facet.addListener(event -> log.log(INFO, event.toString()))) {
            Facet.run(new Application());
        }
        // @end
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the example leaves the future out
    static void startAsync() {
        // @start region=startAsync
        Facet.startAsync(new App())
            .orTimeout(30, TimeUnit.SECONDS)   // not running by then: the start is rolled back
            .thenAccept(running -> { }); // @replace substring="{ }" replacement="..."
        // @end
    }

    /** What the {@code shutdownHook} example stands for: a container with a shutdown phase. */
    interface Container {
        void onShutdown(Runnable step);
    }

    static void shutdownHookOff(Container container, System.Logger log) throws Exception {
        // @start region=shutdownHook
        Facet.shutdownHook(false);
        Running<Application> running = Facet.start(new Application());
        container.onShutdown(() -> {
            try {
                running.close();                  // stops it, within its timeout
            } catch (Exception failed) {
                log.log(ERROR, "the stop failed", failed);
            }
        });
        // @end
    }

    /** What the {@code roots} example answers: a startup probe. */
    static boolean started() {
        // @start region=roots
        // a startup probe: UP once every root held has started
        boolean started = Facet.roots().stream()
                .allMatch(root -> root.state() == RootStatus.State.RUNNING);
        // @end
        return started;
    }
}
