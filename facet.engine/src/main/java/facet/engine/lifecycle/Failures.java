package facet.engine.lifecycle;

import facet.api.FailureContext;
import java.lang.System.Logger.Level;

/** How the engine hands user exceptions on: unchanged, and never lost. */
final class Failures {

    private Failures() {}

    /**
     * Adds {@code other} under {@code primary}, unless it is the same or already there.
     *
     * @return whether {@code other} can be found from {@code primary} now: {@code false} if
     *     {@code primary} refuses suppression (built with it disabled), and the caller must
     *     tell of {@code other} some other way
     */
    @SuppressWarnings("ReferenceEquality") // the same instance: Throwable.addSuppressed's rule
    static boolean suppress(Throwable primary, Throwable other) {
        if (other == primary) {
            return true;
        }
        for (Throwable already : primary.getSuppressed()) {
            if (already == other) {
                return true;
            }
        }
        primary.addSuppressed(other);
        Throwable[] now = primary.getSuppressed();
        return now.length > 0 && now[now.length - 1] == other;
    }

    /**
     * Attaches to what {@code life}'s {@code hook} threw where it happened: a
     * {@link FailureContext} naming the service, the hook and its path from a root. Under the
     * lock, before anyone hears of the failure; a failure that refuses suppression gets the
     * context logged instead, once the lock is released.
     */
    static void place(Throwable failure, ServiceLife life, String hook, Transition transition) {
        var context = new FailureContext(life.service, hook, life.pathFromRoot());
        if (!suppress(failure, context)) {
            transition.after(() -> life.orchestrator.events.log(Level.WARNING, life.service,
                    context.getMessage() + " (" + failure.getClass().getName()
                            + " refuses suppression, so this is logged here)", failure));
        }
    }

    /** {@code failure} itself if it can be thrown from a method that declares {@code Exception}. */
    static Exception checked(Throwable failure) {
        if (failure instanceof Exception exception) {
            return exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure); // a Throwable that is neither: wrap, keep it
    }

    /** {@code failure} itself if it can be thrown where nothing checked is declared. */
    static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    /** Whether {@code failure} only says that the work was interrupted, as it was asked to be. */
    static boolean isInterruption(Throwable failure) {
        return failure instanceof InterruptedException
                || failure instanceof java.io.InterruptedIOException
                || failure instanceof java.nio.channels.ClosedByInterruptException
                || failure instanceof java.util.concurrent.CancellationException;
    }
}
