package facet.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * One transition of the graph: steps made under the graph's lock, then effects made after it.
 *
 * <p>Steps cascade (a service running lets its dependents go on, a release stops a whole
 * subtree); they are queued here rather than called, so a 100,000-long chain never deepens the
 * Java stack. Effects are everything that may run foreign code or hand control to another
 * strand: backend calls, completing futures, logging.
 */
final class Tx {

    /** The backend's clock, read once before the lock was taken. */
    final long now;

    private final ArrayDeque<Runnable> steps = new ArrayDeque<>();
    private final ArrayList<Runnable> effects = new ArrayList<>();

    Tx(long now) {
        this.now = now;
    }

    /** Queues a step, to run under the same lock once the current one returns. */
    void then(Runnable step) {
        steps.add(step);
    }

    /** Queues an effect, to run once the lock is released. */
    void after(Runnable effect) {
        effects.add(effect);
    }

    void drain() {
        for (Runnable step = steps.poll(); step != null; step = steps.poll()) {
            step.run();
        }
    }

    /** Runs every effect, even when one throws; the first failure is then thrown. */
    void runEffects() {
        Throwable first = null;
        for (Runnable effect : effects) {
            try {
                effect.run();
            } catch (Throwable failure) {
                if (first == null) {
                    first = failure;
                } else {
                    Failures.suppress(first, failure);
                }
            }
        }
        if (first != null) {
            throw Failures.unchecked(first);
        }
    }
}
