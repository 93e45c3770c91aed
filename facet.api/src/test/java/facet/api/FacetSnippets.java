package facet.api;

import java.util.concurrent.TimeUnit;

/** The compiled examples of the javadoc of {@link Facet}. */
final class FacetSnippets {

    /** The service the class example runs: it handles requests. */
    static final class Application implements Service {
        void handle(String request) {}
    }

    /** The service the {@code startAsync} example starts. */
    static final class App implements Service {}

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

    @SuppressWarnings("FutureReturnValueIgnored") // the example leaves the future out
    static void startAsync() {
        // @start region=startAsync
        Facet.startAsync(new App())
            .orTimeout(30, TimeUnit.SECONDS)   // not running by then: the start is rolled back
            .thenAccept(running -> { }); // @replace substring="{ }" replacement="..."
        // @end
    }
}
