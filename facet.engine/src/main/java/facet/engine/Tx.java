package facet.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One transition of the graph: steps made under the graph's lock, then effects made after it.
 *
 * <p>Steps cascade (a service running lets its dependents go on, a release stops a whole
 * subtree); they are queued here rather than called, so a 100,000-long chain never deepens the
 * Java stack. Effects are everything that may run foreign code or hand control to another
 * strand: backend calls, completing futures, logging. Runs of user code go to the workers last.
 */
final class Tx {

    /** A transition that reads no clock: {@link #now()} fails in it. */
    static final long UNTIMED = Long.MIN_VALUE;

    /** The backend's clock, read once before the lock was taken; or {@link #UNTIMED}. */
    private final long now;
    /** Whether lifecycle events are logged: asked once, before the lock was taken. */
    final boolean debug;
    /**
     * For the report of a run's return: the order in which runs returned. Two stops of one step
     * that both fail may be reported in either order; the first to return leads.
     */
    final long returned;

    // Made on first use: most transitions queue a step or two, or none.
    private @Nullable ArrayDeque<Runnable> steps;
    private @Nullable ArrayList<Runnable> notes;
    private @Nullable ArrayList<Runnable> effects;
    private @Nullable ArrayList<Run> runs;

    Tx(long now, boolean debug, long returned) {
        this.now = now;
        this.debug = debug;
        this.returned = returned;
    }

    /** The backend's clock, read once before the lock was taken. */
    long now() {
        if (now == UNTIMED) {
            throw new IllegalStateException("a transition made without the clock needs it");
        }
        return now;
    }

    /** Queues a step, to run under the same lock once the current one returns. */
    void then(Runnable step) {
        if (steps == null) {
            steps = new ArrayDeque<>(3);
        }
        steps.add(step);
    }

    /** Queues an effect, to run once the lock is released. */
    void after(Runnable effect) {
        if (effects == null) {
            effects = new ArrayList<>(4);
        }
        effects.add(effect);
    }

    /**
     * Queues what an observer hears of this transition's decisions, to tell it first once the
     * lock is released: before any effect, so before any scheduling point, and a simulation's
     * journal has the engine's decisions in the order the engine made them.
     */
    void note(Runnable note) {
        if (notes == null) {
            notes = new ArrayList<>(2);
        }
        notes.add(note);
    }

    /** Queues user code to run, once the effects are made. */
    void fork(Run run) {
        if (runs == null) {
            runs = new ArrayList<>(2);
        }
        runs.add(run);
    }

    void drain() {
        ArrayDeque<Runnable> queued = steps;
        if (queued == null) {
            return;
        }
        for (Runnable step = queued.poll(); step != null; step = queued.poll()) {
            step.run();
        }
    }

    /**
     * Tells the notes, then runs every effect, even when one throws, then hands the runs to
     * their workers: the first may go on on {@code current}. The first failure is then thrown.
     */
    void runEffects(@Nullable Worker current) {
        Throwable first = run(notes, null);
        first = run(effects, first);
        if (runs != null) {
            for (Run run : runs) {
                run.workers.dispatch(run, current);
            }
        }
        if (first != null) {
            throw Failures.unchecked(first);
        }
    }

    private static @Nullable Throwable run(@Nullable List<Runnable> actions,
            @Nullable Throwable failed) {
        Throwable first = failed;
        if (actions != null) {
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (Throwable failure) {
                    if (first == null) {
                        first = failure;
                    } else {
                        Failures.suppress(first, failure);
                    }
                }
            }
        }
        return first;
    }
}
