package facet.engine.lifecycle;

import facet.api.LifecycleEvent;
import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineListener;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Where one engine says what happens: its {@link EngineListener}, the users'
 * {@link facet.api.LifecycleListener}s, and its logger (the JVM's {@code facet} logger, or a
 * simulation's own) for its lifecycle and the failures no caller will throw: quiet at INFO for a
 * normal run, lifecycle at DEBUG, crashes at ERROR. Never called under the lock: all of them run
 * foreign code.
 */
final class EngineEvents {

    /** Tells nobody, logs to the JVM's logger: for a transition that has nothing to say. */
    static final EngineEvents SILENT = new EngineEvents(EngineListener.NONE,
            System.getLogger("facet"));

    private final EngineListener listener;
    private final System.Logger log;
    /** The users' listeners, of the public {@link LifecycleEvent}s. */
    final LifecycleListeners lifecycle = new LifecycleListeners();

    EngineEvents(EngineListener listener, System.Logger log) {
        this.listener = listener;
        this.log = log;
    }

    /** Whether DEBUG lines are logged: asked before the lock is taken, never under it. */
    boolean debugging() {
        return log.isLoggable(Level.DEBUG);
    }

    /** Logs a lifecycle line at DEBUG. */
    void debug(Supplier<String> line) {
        log.log(Level.DEBUG, line);
    }

    /** Whether anyone listens: if not, no event is made at all. */
    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel
    boolean listening() {
        return listener != EngineListener.NONE;
    }

    /** Tells the listener; callers ask {@link #listening()} before they make the event. */
    void tell(EngineEvent event) {
        listener.onEvent(event);
    }

    /** Whether any user's listener hears lifecycle events: if not, none is made. */
    boolean publishing() {
        return lifecycle.any();
    }

    /** Tells the users' listeners; callers ask {@link #publishing()} before they make it. */
    void publish(LifecycleEvent event) {
        lifecycle.tell(event, this);
    }

    /**
     * Logs {@code failure}, which no caller will throw, and tells the listener: where every
     * failure nobody throws ends up.
     */
    void log(Level level, Service about, String message, Throwable failure) {
        log.log(level, message, failure);
        if (listening()) {
            listener.onEvent(new EngineEvent.Logged(about, level, failure));
        }
    }
}
