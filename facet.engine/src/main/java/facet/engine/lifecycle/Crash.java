package facet.engine.lifecycle;

import facet.engine.event.EngineEvent;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The failure of a task that crashed a stack, shared by every service it crashed, and how it
 * spreads. Every {@code await()} and {@code run()} of a crashed root throws it; {@code close()}
 * throws it too, but only if no call has thrown it yet: so the crash reaches the caller however
 * its timing fell (before the start returned, the start throws it), and a try-with-resources
 * that awaited is never handed the same instance twice (which {@code addSuppressed} refuses).
 */
final class Crash {

    final Throwable failure;
    private final AtomicBoolean thrown = new AtomicBoolean();

    private Crash(Throwable failure) {
        this.failure = failure;
    }

    /**
     * A task of {@code origin} failed with {@code cause}: every running service that depends on
     * it (transitively) exits with the crash, and any still starting fails its start. A service
     * already stopping is left to its stop. A walk with its own queue, not the Java stack.
     */
    static void spread(ServiceLife origin, Throwable cause, Transition transition) {
        transition.announce(new EngineEvent.Crashed(origin.service, cause));
        var shared = new Crash(cause);
        var seen = new HashSet<ServiceLife>();
        var pending = new ArrayDeque<ServiceLife>();
        seen.add(origin);
        pending.add(origin);
        for (ServiceLife life = pending.poll(); life != null; life = pending.poll()) {
            if (life.state().stopping()) {
                continue;
            }
            if (life.running()) {
                life.exitCrashed(shared, transition);
                for (ServiceLife dependent : life.dependents()) {
                    if (seen.add(dependent)) {
                        pending.add(dependent);
                    }
                }
            } else {
                life.start.fail(cause, transition); // still starting: the start fails
            }
        }
    }

    /** An await() or run() throws it now. */
    void thrown() {
        thrown.set(true);
    }

    /** Whether a close() is the first to throw it: then it must. */
    boolean claimForClose() {
        return thrown.compareAndSet(false, true);
    }
}
