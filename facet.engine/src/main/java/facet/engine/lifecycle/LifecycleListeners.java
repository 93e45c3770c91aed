package facet.engine.lifecycle;

import facet.api.LifecycleEvent;
import facet.api.LifecycleListener;
import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * The {@link LifecycleListener}s of one engine. Reading them is one volatile read, so a hook
 * with nobody listening pays nothing more; adding and removing copy the array, as listeners
 * change rarely and are read at every hook.
 */
final class LifecycleListeners {

    private static final Added[] NONE = {};

    private volatile Added[] added = NONE;

    /** Whether any listener is added: if not, no event is made at all. */
    boolean any() {
        return added.length > 0;
    }

    /** Adds {@code listener}; the registration removes this addition, once. */
    synchronized LifecycleListener.Registration add(LifecycleListener listener) {
        var addition = new Added(listener);
        Added[] now = Arrays.copyOf(added, added.length + 1);
        now[now.length - 1] = addition;
        added = now;
        return addition;
    }

    private synchronized void remove(Added addition) {
        Added[] now = added;
        for (int at = 0; at < now.length; at++) {
            if (now[at] == addition) {
                Added[] fewer = new Added[now.length - 1];
                System.arraycopy(now, 0, fewer, 0, at);
                System.arraycopy(now, at + 1, fewer, at, now.length - at - 1);
                added = fewer;
                return;
            }
        }
    }

    /** Tells every listener, in the order they were added; one that throws is logged. */
    void tell(LifecycleEvent event, EngineEvents logTo) {
        for (Added addition : added) {
            try {
                addition.listener.onEvent(event);
            } catch (RuntimeException | Error failed) {
                // names only, no toString(): a listener's or a service's may throw as well
                logTo.log(Level.WARNING, event.service(), "facet: a lifecycle listener ("
                        + addition.listener.getClass().getName() + ") threw on "
                        + event.getClass().getSimpleName() + " of " + event.name()
                        + "; nothing else changes", failed);
            }
        }
    }

    /** One addition of a listener: a listener added twice is told twice, and removed once. */
    private final class Added implements LifecycleListener.Registration {
        final LifecycleListener listener;

        Added(LifecycleListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            remove(this);
        }
    }
}
