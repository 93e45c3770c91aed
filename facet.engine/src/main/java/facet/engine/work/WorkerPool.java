package facet.engine.work;

import facet.engine.spi.ExecutionBackend;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Hands jobs to {@link Worker}s: the first job made by a worker's report goes on there, next;
 * every other job is queued. A spare worker is forked for queued jobs when nobody else would
 * take them: when they are queued by a thread that is no worker, or when a worker takes a job
 * and leaves none between jobs.
 *
 * <p>So no job waits behind one that blocks, yet a chain of no-op hooks costs no fork at all.
 * Forks go through the backend (R13): on the testkit's backend this is as deterministic as
 * anything else.
 */
public final class WorkerPool {

    /**
     * How long a spare looks for a worker moving before it stays: 100 spins, a few
     * microseconds, about a no-op hook and its transition; a bounded count, not a clock, so the
     * same in a simulation. Why a spare looks at all: a flood of no-op hooks in one parallel step
     * forked a spare every few hooks, and two workers then fought over one lock and one cache
     * line. With spares that stand by while the workers move, the parallel and flat graphs of
     * 10,000 services went from 1.7 to about 0.9 us per service (BENCHMARKS.md, "Spares stand
     * by").
     */
    private static final int LOOKS = 100;
    /** How long a spare stands by between looks while the workers move. */
    private static final long STAND_BY_NANOS = 50_000;

    /** Workers alive in all pools, from their fork to their end: for leak tests. */
    private static final AtomicInteger ALIVE = new AtomicInteger();

    private final ExecutionBackend backend;
    final FailureGate gate;
    private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
    /**
     * Spares forked that are not yet workers (on their way, or standing by): at most two, but
     * for those a spare forks as it finds every worker stuck.
     */
    private final AtomicInteger sparesOnTheirWay = new AtomicInteger();
    /** Workers between jobs: each will look at the queue before it ends. */
    private final AtomicInteger free = new AtomicInteger();
    private final AtomicLong returns = new AtomicLong();
    /**
     * Whether the last spare to look found every worker stuck: then the next one does not spin,
     * it looks once. Blocking hooks come in floods (a step of starts that each wait on the
     * network), and each spare's spin was CPU its step's other hooks waited for: W2 (1,000
     * starts of 20 ms in one step) took 29.5 ms with it, 26 without (BENCHMARKS.md). The first
     * spare that sees a worker move clears it.
     */
    private volatile boolean lastFoundStuck;

    /**
     * Workers forked on {@code backend}, on first use.
     *
     * @param backend forks the workers' strands
     */
    public WorkerPool(ExecutionBackend backend) {
        this.backend = backend;
        this.gate = new FailureGate(backend);
    }

    /**
     * Runs {@code job}: next on {@code reporter} if it is free for one, else from the queue. A
     * worker goes on to its next job at once, and sees to a spare as it takes it; anyone else
     * must see to one now.
     */
    void dispatch(Job job, @Nullable Worker reporter) {
        if (reporter == null) {
            queue.add(job);
            spare();
        } else if (!reporter.takeNext(job)) {
            queue.add(job);
        }
    }

    ExecutionBackend backend() {
        return backend;
    }

    @Nullable Job poll() {
        return queue.poll();
    }

    /**
     * A spare worker began. It is needed only once every worker is stuck in a job. While the
     * workers are moving (one is between jobs, or returns while the spare looks), it stands by:
     * it looks again every {@link #STAND_BY_NANOS}, still counted as on its way, so the workers
     * fork no more spares meanwhile. Once none moves while jobs wait, it becomes a worker, and
     * forks the next spare before it takes a job: a step of hooks that all block gets its
     * workers in a doubling fan-out. Once nothing waits in the queue, it ends.
     *
     * @return whether the spare becomes a worker; else it ends at once
     */
    boolean spareArrived() {
        while (true) {
            if (queue.isEmpty()) {
                sparesOnTheirWay.decrementAndGet(); // first: a worker taking a job forks anew
                if (queue.isEmpty()) {
                    return false;
                }
                sparesOnTheirWay.incrementAndGet(); // a job came in as it left: stand by again
            }
            if (!workersMove()) {
                sparesOnTheirWay.decrementAndGet();
                free.incrementAndGet();
                if (!queue.isEmpty()) {
                    fork(); // past the bound: every worker is stuck, more jobs may block too
                }
                return true;
            }
            standBy();
        }
    }

    /**
     * Whether a worker is between jobs, or returns from one within a short look: a single look
     * if the last spare found them all stuck.
     */
    private boolean workersMove() {
        long returned = returns.get();
        int looks = lastFoundStuck ? 1 : LOOKS;
        for (int look = 0; look < looks; look++) {
            if (free.get() > 0 || returns.get() != returned) {
                lastFoundStuck = false;
                return true;
            }
            Thread.onSpinWait();
        }
        lastFoundStuck = true;
        return false;
    }

    private void standBy() {
        try {
            boolean unused = backend.newLatch().await(backend.nanoTime() + STAND_BY_NANOS);
        } catch (InterruptedException nobodyInterruptsASpare) {
            // no job is bound to a spare yet: no interrupt can be meant for it; look again
        }
    }

    /**
     * A worker takes a job (its code may block): if that leaves no worker between jobs while
     * jobs wait, a spare must be on its way for them.
     */
    void taking() {
        if (free.decrementAndGet() == 0 && !queue.isEmpty()) {
            spare();
        }
    }

    /**
     * A worker's job returned: it is between jobs again.
     *
     * @return the order of this return among all
     */
    long returned() {
        free.incrementAndGet();
        return returns.getAndIncrement();
    }

    /**
     * A worker found nothing to run and leaves, unless a job came in meanwhile: whoever queued
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

    /**
     * How many workers are alive in all pools, standing-by spares included: for leak tests.
     *
     * @return the count
     */
    public static int alive() {
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
        var worker = new Worker(this, backend.newLatch());
        ALIVE.incrementAndGet();
        try {
            worker.forked(backend.fork("facet-worker", worker));
        } catch (Throwable notForked) {
            ALIVE.decrementAndGet();
            sparesOnTheirWay.decrementAndGet();
            failQueued(notForked);
        }
    }

    /**
     * No worker could be forked: each queued job counts as its code throwing that failure, so
     * the starts and stops waiting for them go on (and fail) instead of waiting forever.
     */
    private void failQueued(Throwable notForked) {
        for (Job job = queue.poll(); job != null; job = queue.poll()) {
            if (job.takeWithoutStrand()) { // else dropped: nobody waits for it
                job.returned(notForked, Long.MAX_VALUE, null);
            }
        }
    }
}
