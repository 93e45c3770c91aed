package facet.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The failure of a task that crashed a stack, shared by every service it crashed. Every
 * {@code await()} and {@code run()} of a crashed root throws it; {@code close()} throws it too,
 * but only if no call has thrown it yet: so the crash reaches the caller however its timing
 * fell (before the start returned, the start throws it), and a try-with-resources that awaited
 * is never handed the same instance twice (which {@code addSuppressed} refuses).
 */
final class Crash {

    final Throwable failure;
    private final AtomicBoolean thrown = new AtomicBoolean();

    Crash(Throwable failure) {
        this.failure = failure;
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
