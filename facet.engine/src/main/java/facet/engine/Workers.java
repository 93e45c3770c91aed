package facet.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** A worker was forked and has not yet arrived. */
    private final AtomicBoolean spareOnItsWay = new AtomicBoolean();
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

    /** A spare worker began; it is between runs. */
    void spareArrived() {
        free.incrementAndGet();
        spareOnItsWay.set(false);
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
        if (!spareOnItsWay.compareAndSet(false, true)) {
            return;
        }
        var worker = new Worker(this, engine.backend().newLatch());
        try {
            worker.forked(engine.backend().fork("facet-worker", worker));
        } catch (Throwable notForked) {
            spareOnItsWay.set(false);
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
