package facet.engine;

import facet.engine.spi.ExecutionBackend;
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

    /**
     * How long a spare looks for a worker moving before it stays: a few microseconds, about a
     * no-op hook and its transition. A bounded count, not a clock: the same in a simulation.
     */
    private static final int LOOKS = 100;
    /** How long a spare stands by between looks while the workers move. */
    private static final long STAND_BY_NANOS = 50_000;

    /** Workers alive in all engines, from their fork to their end: for leak tests. */
    private static final AtomicInteger ALIVE = new AtomicInteger();

    final Engine engine;
    final FailureGate gate;
    private final ConcurrentLinkedQueue<Run> queue = new ConcurrentLinkedQueue<>();
    /**
     * Spares forked that are not yet workers (on their way, or standing by): at most two, but
     * for those a spare forks as it finds every worker stuck.
     */
    private final AtomicInteger sparesOnTheirWay = new AtomicInteger();
    /** Workers between runs: each will look at the queue before it ends. */
    private final AtomicInteger free = new AtomicInteger();
    private final AtomicLong returns = new AtomicLong();

    Workers(Engine engine) {
        this.engine = engine;
        this.gate = new FailureGate(engine.backend());
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
     * A spare worker began. It is needed only once every worker is stuck in a run. While the
     * workers are moving (one is between runs, or returns while the spare looks), it stands by:
     * it looks again every {@link #STAND_BY_NANOS}, still counted as on its way, so the workers
     * fork no more spares meanwhile. Once none moves while runs wait, it becomes a worker, and
     * forks the next spare before it takes a run: a step of hooks that all block gets its
     * workers in a doubling fan-out. Once nothing waits in the queue, it ends.
     *
     * @return whether the spare becomes a worker; else it ends at once
     */
    boolean spareArrived() {
        while (true) {
            if (queue.isEmpty()) {
                sparesOnTheirWay.decrementAndGet(); // first: a worker taking a run forks anew
                if (queue.isEmpty()) {
                    return false;
                }
                sparesOnTheirWay.incrementAndGet(); // a run came in as it left: stand by again
            }
            if (!workersMove()) {
                sparesOnTheirWay.decrementAndGet();
                free.incrementAndGet();
                if (!queue.isEmpty()) {
                    fork(); // past the bound: every worker is stuck, more runs may block too
                }
                return true;
            }
            standBy();
        }
    }

    /** Whether a worker is between runs, or returns from one within a short look. */
    private boolean workersMove() {
        long returned = returns.get();
        for (int look = 0; look < LOOKS; look++) {
            if (free.get() > 0 || returns.get() != returned) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private void standBy() {
        ExecutionBackend backend = engine.backend();
        try {
            boolean unused = backend.newLatch().await(backend.nanoTime() + STAND_BY_NANOS);
        } catch (InterruptedException nobodyInterruptsASpare) {
            // no run is bound to a spare yet: no interrupt can be meant for it; look again
        }
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

    static int alive() {
        return ALIVE.get();
    }

    /** A worker's strand is about to end. */
    void ended() {
        ALIVE.decrementAndGet();
    }

    /** Forks a spare, unless two are on their way already. */
    private void spare() {
        if (sparesOnTheirWay.incrementAndGet() > 2) {
            sparesOnTheirWay.decrementAndGet();
            return;
        }
        forkCounted();
    }

    /** Forks a spare whatever the count. */
    private void fork() {
        sparesOnTheirWay.incrementAndGet();
        forkCounted();
    }

    private void forkCounted() {
        var worker = new Worker(this, engine.backend().newLatch());
        ALIVE.incrementAndGet();
        try {
            worker.forked(engine.backend().fork("facet-worker", worker));
        } catch (Throwable notForked) {
            ALIVE.decrementAndGet();
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
            if (!run.takeWithoutStrand()) {
                continue; // dropped: nobody waits for it
            }
            Run failed = run;
            engine.graph().transact(engine, tx -> {
                failed.returned.accept(notForked, tx);
                return null;
            });
        }
    }
}
