package facet.engine.lifecycle;

import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineListener;
import java.lang.System.Logger.Level;

/**
 * Where one engine says what happens: its {@link EngineListener}, and the {@code facet} logger
 * for the failures no caller will throw. Never called under the lock: both run foreign code.
 */
final class EngineEvents {

    /** The logger: quiet at INFO for a normal run, lifecycle at DEBUG, crashes at ERROR. */
    static final System.Logger LOG = System.getLogger("facet");

    /** Tells nobody (but the logger). */
    static final EngineEvents SILENT = new EngineEvents(EngineListener.NONE);

    private final EngineListener listener;

    EngineEvents(EngineListener listener) {
        this.listener = listener;
    }

    /** Whether DEBUG lines are logged: asked before the lock is taken, never under it. */
    static boolean debugging() {
        return LOG.isLoggable(Level.DEBUG);
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

    /**
     * Logs {@code failure}, which no caller will throw, and tells the listener: where every
     * failure nobody throws ends up.
     */
    void log(Level level, Service about, String message, Throwable failure) {
        LOG.log(level, message, failure);
        if (listening()) {
            listener.onEvent(new EngineEvent.Logged(about, level, failure));
        }
    }
}
