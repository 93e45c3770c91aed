package facet.examples;

import facet.api.Facet;
import facet.api.Service;
import facet.api.ShutdownTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The graceful shutdown timeout: a stop that takes longer is interrupted, the caller stops
 * waiting, and {@code close()} (or {@code run()}) throws a {@link ShutdownTimeoutException}
 * naming what was still stopping, and where it was stuck.
 *
 * <pre>
 * server started
 * server stopping: waits for a request that never ends
 * close() threw ShutdownTimeoutException: graceful shutdown timed out: server did not stop within 200ms; still stopping: server in stop()
 *   stuck: server was still in stop() on thread facet-stop-server
 * </pre>
 */
public final class TimeoutExample {

    private TimeoutExample() {}

    /** A server whose stop waits for a request that never ends. */
    public static final class Server implements Service {

        /** Never opened: the request never ends. */
        private final CountDownLatch requestDone = new CountDownLatch(1);

        /** Creates the server, not started. */
        public Server() {}

        /** Much shorter than the default ten seconds, to keep the example quick. */
        @Override
        public Duration gracefulShutdownTimeout() {
            return Duration.ofMillis(200);
        }

        @Override
        public void start() {
            System.out.println("server started");
        }

        @Override
        public void stop() throws InterruptedException {
            System.out.println("server stopping: waits for a request that never ends");
            requestDone.await(); // until the engine interrupts it, at the timeout
        }

        /** Names it in messages. */
        @Override
        public String toString() {
            return "server";
        }
    }

    /**
     * Starts the server and stops it, which times out.
     *
     * @param args ignored
     * @throws Exception anything but the expected timeout
     */
    // the block only holds the server: it starts on entry and stops on exit (and close()
    // waits for the stop, interruptibly, which javac's lint flags too)
    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
        try (var running = Facet.start(new Server())) {
        } catch (ShutdownTimeoutException timeout) {
            System.out.println("close() threw ShutdownTimeoutException: " + timeout.getMessage());
            for (Throwable stuck : timeout.getSuppressed()) {
                System.out.println("  stuck: " + stuck.getMessage());
            }
        }
    }
}
