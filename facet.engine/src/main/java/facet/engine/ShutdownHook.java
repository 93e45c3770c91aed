package facet.engine;

import java.lang.System.Logger.Level;

/**
 * Stops the held roots when the JVM shuts down (SIGINT, SIGTERM, {@code System.exit}), and lets
 * a second Ctrl-C end the process at once.
 *
 * <p>The one place the engine makes a thread itself: a shutdown hook must be an unstarted
 * {@link Thread}, which no backend strand is. It never calls {@code System.exit}; it waits no
 * longer than the roots' graceful shutdown timeouts. With nothing held it does next to nothing:
 * the second-interrupt handler (reflection and a proxy class, milliseconds at every exit) is set
 * only when there is a stop to cut short.
 */
final class ShutdownHook implements Runnable {

    private final Engine engine;

    private ShutdownHook(Engine engine) {
        this.engine = engine;
    }

    static void install(Engine engine) {
        var hook = new Thread(new ShutdownHook(engine), "facet-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            System.getLogger("facet").log(Level.DEBUG, "facet: JVM already shutting down, no hook installed");
        }
    }

    @Override
    public void run() {
        engine.shutdown(new SecondInterrupt());
    }
}
