package facet.engine;

import facet.engine.lifecycle.ToldOfShutdown;
import facet.engine.spi.ExecutionBackend;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The JVM shutdown hook of the JVM's engine: stops the held roots when the JVM shuts down
 * (SIGINT, SIGTERM, {@code System.exit}), and lets a second Ctrl-C end the process at once.
 *
 * <p>Registered while the engine holds anything, or a call that may hold something is under way;
 * removed after the transition that lets go of the last hold (so an application that closed
 * everything leaves no hook of facet's in the JVM, and nothing of the engine reachable from the
 * JVM's hooks). Turned off ({@code Facet.shutdownHook(false)}, or the system property
 * {@code facet.shutdownHook=false}), it is never registered: the application's container owns
 * the shutdown.
 *
 * <p>The one place the engine makes a thread itself: a shutdown hook must be an unstarted
 * {@link Thread}, which no backend strand is; and the one place it joins threads, those the
 * shutdown told (see {@link #giveTimeToEnd}). It never calls {@code System.exit}; it waits for
 * the stops no longer than the roots' graceful shutdown timeouts, and for the told threads no
 * longer than those timeouts or a second, whichever ends later. The second-interrupt handler
 * (reflection and a proxy class, milliseconds) is set only when there is a stop to cut short.
 */
final class ShutdownHook {

    private final Engine engine;
    /** Calls between their entry and their return: while one is under way, the hook stays. */
    private int callsUnderWay; // guarded by this
    private @Nullable Thread registered; // guarded by this
    private boolean enabled; // guarded by this
    private final Runnable whenNothingHeld = new RemoveIfIdle(this);

    ShutdownHook(Engine engine, boolean enabled) {
        this.engine = engine;
        this.enabled = enabled;
    }

    /** A start, startAsync or run begins: the hook is registered before it may hold a root. */
    synchronized void callBegins() {
        callsUnderWay++;
        registerIfEnabled();
    }

    /**
     * Turns the hook on or off: off, it is removed now if registered, and not registered again;
     * on, it is registered now if anything is held or a call is under way.
     */
    synchronized void enabled(boolean on) {
        enabled = on;
        if (on) {
            if (callsUnderWay > 0 || engine.holding()) {
                registerIfEnabled();
            }
        } else {
            remove();
        }
    }

    private void registerIfEnabled() {
        if (enabled && registered == null) {
            var hook = new Thread(new OnExit(engine), "facet-shutdown");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
                registered = hook;
            } catch (IllegalStateException alreadyShuttingDown) {
                System.getLogger(Engine.LOGGER).log(Level.DEBUG,
                        "facet: JVM already shutting down, no hook installed");
            }
        }
    }

    /** That call returned (or, for startAsync, its future completed). */
    synchronized void callEnded() {
        callsUnderWay--;
        removeIfIdle();
    }

    /** What the engine runs as it lets go of its last hold. */
    Runnable whenNothingHeld() {
        return whenNothingHeld;
    }

    /** Removes the hook if nothing is held and no call is under way. */
    synchronized void removeIfIdle() {
        if (callsUnderWay == 0 && !engine.holding()) {
            remove();
        }
    }

    private void remove() {
        Thread hook = registered;
        if (hook == null) {
            return;
        }
        registered = null;
        try {
            boolean unused = Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM runs its hooks already, this one among them: it stops what is held
        }
    }

    /** Whether the hook is registered now. */
    synchronized boolean registered() {
        return registered != null;
    }

    /** {@link #removeIfIdle()}, as the engine's effect of letting go of its last hold. */
    private static final class RemoveIfIdle implements Runnable {
        private final ShutdownHook hook;

        RemoveIfIdle(ShutdownHook hook) {
            this.hook = hook;
        }

        @Override
        public void run() {
            hook.removeIfIdle();
        }
    }

    /** The hook's thread's work: stop what is held, newest first. */
    private static final class OnExit implements Runnable {
        private final Engine engine;

        OnExit(Engine engine) {
            this.engine = engine;
        }

        @Override
        public void run() {
            giveTimeToEnd(engine.shutdown(new SecondInterrupt()), engine.backend());
        }
    }

    /**
     * Gives the threads told of the shutdown until its deadline to end, so that their code after
     * the call runs before the JVM halts, which it does once its hooks return. The one join of
     * the engine: the hook's thread is the JVM's, no strand of a backend, and it waits for the
     * application's threads, which no backend runs either.
     */
    static void giveTimeToEnd(ToldOfShutdown told, ExecutionBackend backend) {
        for (Thread thread : told.threads()) {
            long left = told.deadlineNanos() - backend.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                boolean unused = thread.join(Duration.ofNanos(left));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
