package facet.engine.lifecycle;

import facet.engine.event.EngineEvent;
import facet.engine.spi.Latch;
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
    /** Opens once the crash is logged at ERROR: just after the transition that decided it. */
    private final Latch logged;
    /** Whether it is logged: read first, so a call that throws it later makes no wait. */
    private volatile boolean isLogged;

    /**
     * A crash with {@code failure}, whose log opens {@code logged}: the caller logs it once the
     * lock is released, then calls {@link #logEnded()}.
     */
    Crash(Throwable failure, Latch logged) {
        this.failure = failure;
        this.logged = logged;
    }

    /** Its log at ERROR is over (written, or its handler threw): calls may throw it. */
    void logEnded() {
        isLogged = true;
        logged.open();
    }

    /**
     * Waits until the crash is logged, before a call throws it or hands it on: the transition
     * that decided it logs it once the lock is released, on the thread of the task that failed,
     * and a call on another thread may find the crash meanwhile (an {@code await()} that finds it
     * decided throws it at once). Whoever catches a crash finds it logged (R6). No wait, and no
     * scheduling point, once it is logged.
     *
     * @throws InterruptedException if the caller is interrupted meanwhile (a log handler may
     *     hang): the call then throws that (R12), and the crash is left to whoever comes later
     */
    void awaitLogged() throws InterruptedException {
        if (!isLogged) {
            logged.await();
        }
    }

    /**
     * A task of {@code origin} failed: every running service that depends on it (transitively)
     * exits with this crash, and any still starting fails its start. A service already stopping
     * is left to its stop. A walk with its own queue, not the Java stack.
     */
    void spread(ServiceLife origin, Transition transition) {
        transition.announce(new EngineEvent.Crashed(origin.service, failure));
        var seen = new HashSet<ServiceLife>();
        var pending = new ArrayDeque<ServiceLife>();
        seen.add(origin);
        pending.add(origin);
        for (ServiceLife life = pending.poll(); life != null; life = pending.poll()) {
            if (life.state().stopping()) {
                continue;
            }
            if (life.running()) {
                life.exitCrashed(this, transition);
                for (ServiceLife dependent : life.dependents()) {
                    if (seen.add(dependent)) {
                        pending.add(dependent);
                    }
                }
            } else {
                life.start.fail(failure, transition); // still starting: the start fails
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
