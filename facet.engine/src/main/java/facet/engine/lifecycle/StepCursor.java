package facet.engine.lifecycle;

import org.jspecify.annotations.Nullable;

/**
 * A life's dependencies, step by step as claimed, and where a walk over them is: which step,
 * and how many of its services the walk still waits for. Both walks use it, one after the
 * other: the start forward from the first step, the stop backward from the last. Guarded by
 * the lock.
 */
final class StepCursor {

    /** No steps: shared by every life without dependencies, most of a graph's. */
    static final ServiceLife[][] NO_STEPS = new ServiceLife[0][];

    private ServiceLife[][] steps = NO_STEPS;
    private int step;
    private int awaiting;

    /** The steps, once claimed; read, never changed. */
    ServiceLife[][] steps() {
        return steps;
    }

    /** The steps this life holds, from its claim until its stop releases them. */
    void wire(ServiceLife[][] claimed) {
        steps = claimed;
    }

    /** The start's walk begins: {@link #next()} is the first step. */
    void beforeFirst() {
        step = -1;
    }

    /** The next step of the start's walk, or {@code null} past the last. */
    ServiceLife @Nullable [] next() {
        return ++step < steps.length ? steps[step] : null;
    }

    /** The stop's walk begins: {@link #previous()} is the last step. */
    void afterLast() {
        step = steps.length;
    }

    /** The previous step of the stop's walk, or {@code null} before the first. */
    ServiceLife @Nullable [] previous() {
        return --step >= 0 ? steps[step] : null;
    }

    /** The step a walk waits in. */
    ServiceLife[] current() {
        return steps[step];
    }

    /** The walk waits for {@code count} services of the current step. */
    void await(int count) {
        awaiting = count;
    }

    /** One of them is done: whether it was the last the walk waited for. */
    boolean arrived() {
        return --awaiting == 0;
    }
}
