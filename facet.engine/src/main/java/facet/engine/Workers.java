package facet.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Hands the runs of user code that transitions make to {@link Worker}s: the first run of a
 * transition made on a worker goes on there, next; every other run is queued. A spare worker
 * is forked for queued runs when nobody else would take them: when they are queued by a thread
 * that is no worker, or when a worker takes a run and leaves none between runs.
 *
 * <p>So no run waits behind one that blocks, yet a chain of no-op hooks costs no fork at all.
 * Forks go through the backend (R13): on the testkit's backend this is as deterministic as
 * anything else.
 */
final class Workers {

    final Engine engine;
    private final ConcurrentLinkedQueue<Run> queue = new ConcurrentLinkedQueue<>();
    /**
     * Workers forked that have not yet arrived: at most two, so that a step of hooks that all
     * block gets its workers in a doubling fan-out rather than one after another.
     */
    private final AtomicInteger sparesOnTheirWay = new AtomicInteger();
    /** Workers between runs: each will look at the queue before it ends. */
    private final AtomicInteger free = new AtomicInteger();
    private final AtomicLong returns = new AtomicLong();

    Workers(Engine engine) {
        this.engine = engine;
    }

    /**
     * Runs {@code run}: next on {@code current} if it is free for one, else from the queue. A
     * worker goes on to its next run at once, and sees to a spare as it takes it; anyone else
     * must see to one now.
     */
    void dispatch(Run run, @Nullable Worker current) {
        if (current == null) {
            queue.add(run);
            spare();
        } else if (!current.takeNext(run)) {
            queue.add(run);
        }
    }

    @Nullable Run poll() {
        return queue.poll();
    }

    /**
     * A spare worker began. It is needed only if every worker is in a run (maybe blocked): if
     * one is between runs, that one takes the queued runs, and sees to a spare as it does.
     *
     * @return whether the spare stays; else it ends at once
     */
    boolean spareArrived() {
        sparesOnTheirWay.decrementAndGet(); // first: a worker taking a run from now on forks anew
        if (free.get() > 0) {
            return false;
        }
        free.incrementAndGet();
        if (!queue.isEmpty()) { // more may block: the next spare, before this one takes a run
            spare();
        }
        return true;
    }

    /**
     * A worker takes a run (its code may block): if that leaves no worker between runs while
     * runs wait, a spare must be on its way for them.
     */
    void taking() {
        if (free.decrementAndGet() == 0 && !queue.isEmpty()) {
            spare();
        }
    }

    /**
     * A worker's run returned: it is between runs again.
     *
     * @return the order of this return among all
     */
    long returned() {
        free.incrementAndGet();
        return returns.getAndIncrement();
    }

    /**
     * A worker found nothing to run and leaves, unless a run came in meanwhile: whoever queued
     * it may have counted on this worker to take it.
     *
     * @return whether the worker may end
     */
    boolean leave() {
        free.decrementAndGet();
        if (queue.isEmpty()) {
            return true;
        }
        free.incrementAndGet();
        return false;
    }

    private void spare() {
        if (sparesOnTheirWay.incrementAndGet() > 2) {
            sparesOnTheirWay.decrementAndGet();
            return;
        }
        var worker = new Worker(this, engine.backend().newLatch());
        try {
            worker.forked(engine.backend().fork("facet-worker", worker));
        } catch (Throwable notForked) {
            sparesOnTheirWay.decrementAndGet();
            failQueued(notForked);
        }
    }

    /**
     * No worker could be forked: each queued run counts as its code throwing that failure, so
     * the starts and stops waiting for them go on (and fail) instead of waiting forever.
     */
    private void failQueued(Throwable notForked) {
        for (Run run = queue.poll(); run != null; run = queue.poll()) {
            Run failed = run;
            engine.graph().transact(engine, tx -> {
                failed.returned.accept(notForked, tx);
                return null;
            });
        }
    }
}
