package facet.engine.work;

import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import org.jspecify.annotations.Nullable;

/**
 * A strand of the backend that runs user code: first the jobs queued for it, then, after each
 * job, the job its report made next. A chain of sequential starts or stops thus runs on one
 * strand, without a fork per hook.
 *
 * <p>When a worker takes a job while more wait in the queue and no other worker is between
 * jobs, the {@link WorkerPool} sees to a spare: so a job that blocks never holds back the ones
 * queued behind it, and the hooks of one step still start concurrently (R2).
 */
public final class Worker implements Runnable {

    /** The worker on this thread, if it is one. */
    private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

    private final WorkerPool pool;
    private final Latch forked;
    private volatile @Nullable Strand strand;
    /** The job whose code this worker is in; only this worker writes it. */
    private @Nullable Job running;
    /** The job its report made, to run next here; only this worker uses it. */
    private @Nullable Job next;

    Worker(WorkerPool pool, Latch forked) {
        this.pool = pool;
        this.forked = forked;
    }

    /** The fork returned: this worker may now run code that can be interrupted. */
    void forked(Strand self) {
        strand = self;
        forked.open();
    }

    /** Whether this worker takes {@code job} as its next; asked by its own report only. */
    boolean takeNext(Job job) {
        if (next != null) {
            return false;
        }
        next = job;
        return true;
    }

    /**
     * The job whose code the calling thread is in.
     *
     * @return the job, or {@code null} if the thread is no worker's, or between jobs
     */
    public static @Nullable Job currentJob() {
        Worker worker = CURRENT.get();
        return worker == null ? null : worker.running;
    }

    @Override
    public void run() {
        CURRENT.set(this);
        try {
            work();
        } finally {
            CURRENT.remove();
            pool.ended();
        }
    }

    private void work() {
        Strand self = awaitStrand();
        if (!pool.spareArrived()) {
            return;
        }
        while (true) {
            Job job = next;
            next = null;
            boolean queued = job == null;
            if (queued) {
                job = pool.poll();
            }
            if (job == null) {
                if (pool.leave()) {
                    return;
                }
                continue; // a job came in as this worker left: it stays for it
            }
            pool.taking();
            execute(job, self, queued);
        }
    }

    /** A job's life on this worker: wait at the gate, begin, call, end, report. */
    private void execute(Job job, Strand self, boolean queued) {
        // before the gate, so that nothing from the gate to the code is a scheduling point: a
        // start() that failed meanwhile is seen by the gate, never missed while this yields
        job.aboutToBegin(queued);
        if (job.kind() == Job.Kind.START) {
            while (pool.gate.awaitReported()) { // a failure on its way may cancel this start
                job.aboutToBegin(queued); // it waited: it begins later
            }
        }
        Job.Begun begun = job.begin(self);
        if (begun == Job.Begun.DROPPED) { // nothing needs it any more: nobody hears of it
            long unused = pool.returned();
            return;
        }
        Thread.currentThread().setName(job.name());
        job.begun(queued);
        if (begun == Job.Begun.RUNS_INTERRUPTED) {
            self.interrupt();
        }
        // the failure of a start or task may cancel starts: they wait until it is reported
        boolean gates = job.kind() == Job.Kind.START || job.kind() == Job.Kind.TASK;
        Throwable failure = null;
        running = job;
        try {
            job.call();
        } catch (Throwable failed) {
            failure = failed;
            if (gates) {
                pool.gate.thrown();
            }
        } finally {
            running = null;
        }
        job.end(pool.backend());
        long order = pool.returned();
        try {
            job.returned(failure, order, this);
        } catch (Throwable broken) { // an effect of the report failed: never lose it
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, broken);
        } finally {
            if (failure != null && gates) {
                pool.gate.reported();
            }
        }
    }

    private Strand awaitStrand() {
        Strand known = strand;
        while (known == null) {
            try {
                forked.await();
            } catch (InterruptedException early) {
                // nothing of ours runs yet: no interrupt can be meant for this worker
            }
            known = strand;
        }
        return known;
    }
}
