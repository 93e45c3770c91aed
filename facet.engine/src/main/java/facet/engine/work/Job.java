package facet.engine.work;

import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import org.jspecify.annotations.Nullable;

/**
 * One run of user code on a {@link Worker}: a hook, a task, or the engine's own waiting. A
 * subclass says what the code is ({@link #call()}) and who hears that it returned
 * ({@link #returned}); this class says when the code may be interrupted.
 *
 * <p>A job not begun yet can be dropped: its code never runs and nobody hears of it (a start
 * nothing needs any more). A worker runs many jobs one after another, so an interrupt must
 * reach the strand only while this job's code runs there: one asked for before the code begins
 * is delivered as it begins; one asked for after it returned is dropped; one on its way as it
 * returns is waited for and cleared, so the next code on that strand never sees it. The monitor
 * guards the fields below and is never held across a backend call (those may be scheduling
 * points).
 */
public abstract class Job {

    /** What a job runs, which decides how the {@link FailureGate} treats it. */
    public enum Kind {
        /** A {@code start()}: it waits at the gate while a failure is on its way. */
        START,
        /** A {@code stop()}. */
        STOP,
        /** A task: its failure closes the gate until reported, as a start's does. */
        TASK,
        /** The engine's own: a start waiting for a stop to end. */
        ENGINE
    }

    /** How a worker's begin went: the job was dropped, or it runs, maybe interrupted at once. */
    enum Begun { DROPPED, RUNS, RUNS_INTERRUPTED }

    private final String name;
    private final Kind kind;
    private final WorkerPool pool;

    private @Nullable Strand strand;
    private boolean began;
    private boolean dropped;
    private boolean interrupted;
    private int delivering;
    private @Nullable Latch delivered;

    /**
     * A job for {@code pool}'s workers.
     *
     * @param name the thread name while the code runs: {@code facet-start-Database}
     * @param kind what it runs
     * @param pool the workers that run it
     */
    protected Job(String name, Kind kind, WorkerPool pool) {
        this.name = name;
        this.kind = kind;
        this.pool = pool;
    }

    /**
     * The user code, on the worker's strand.
     *
     * @throws Exception anything: it is handed to {@link #returned}
     */
    protected abstract void call() throws Exception;

    /**
     * Told on the strand as the code is about to begin, before anything else happens there (an
     * interrupt asked for earlier included). Must not throw.
     *
     * @param queued whether it waited in the queue for a worker, rather than being taken next by
     *     the worker whose report made it: then it may begin well after it was made
     */
    protected void begun(boolean queued) {}

    /**
     * Told on the strand before it looks at the failure gate, and again after each wait there:
     * the last scheduling point (a clock read, say) it may make before its code. Must not throw.
     *
     * @param queued as for {@link #begun}
     */
    protected void aboutToBegin(boolean queued) {}

    /**
     * The code returned or threw; told on the worker's strand, once. A job that no worker could
     * run (none could be forked) is told so too, with what the fork threw.
     *
     * @param thrown what the code threw, or {@code null} if it returned
     * @param order the order of this return among every return of the pool: two jobs that end
     *     at once are told in either order, and this says which came first
     * @param reporter the worker telling, which may take the next job at once; {@code null} if
     *     none does
     */
    protected abstract void returned(@Nullable Throwable thrown, long order,
            @Nullable Worker reporter);

    /**
     * The thread name while the code runs.
     *
     * @return {@code facet-start-Database}, {@code facet-task-Cache}, ...
     */
    public final String name() {
        return name;
    }

    final Kind kind() {
        return kind;
    }

    /**
     * Hands this job to its pool's workers: next on {@code reporter} if it is free for one.
     *
     * @param reporter the worker whose report made the job, or {@code null}
     */
    public final void dispatch(@Nullable Worker reporter) {
        pool.dispatch(this, reporter);
    }

    /**
     * The worker, on {@code self}, as the code begins: unless the job was dropped. An interrupt
     * asked for before is the worker's to deliver, once {@link #begun(boolean)} was told.
     */
    final synchronized Begun begin(Strand self) {
        if (dropped) {
            return Begun.DROPPED;
        }
        began = true;
        strand = self;
        return interrupted ? Begun.RUNS_INTERRUPTED : Begun.RUNS;
    }

    /**
     * Drops the job if it has not begun: its code will never run. Called under the engine's
     * lock (the monitor is held only briefly, never across a backend call).
     *
     * @return whether it was dropped; {@code false} if it has begun (or was dropped before)
     */
    public final synchronized boolean drop() {
        if (began || dropped) {
            return false;
        }
        dropped = true;
        return true;
    }

    /**
     * Takes the job as a worker would, for one that no worker will run (none could be forked).
     *
     * @return {@code false} if it was dropped: nobody waits for it
     */
    final synchronized boolean takeWithoutStrand() {
        if (dropped) {
            return false;
        }
        began = true;
        return true;
    }

    /**
     * The worker, once the code returned: from now on interrupts are dropped, and one still on
     * its way is awaited and cleared.
     */
    final void end(ExecutionBackend backend) {
        Latch inFlight = null;
        synchronized (this) {
            strand = null;
            if (delivering > 0) {
                inFlight = backend.newLatch();
                delivered = inFlight;
            }
        }
        if (inFlight != null) {
            awaitUninterruptibly(inFlight);
        }
        boolean unused = Thread.interrupted(); // one meant for this code, landed as it returned
    }

    /**
     * Interrupts the code, now or as it begins; never after it returned. Each call while the
     * code runs delivers one interrupt, so the caller says how many (the engine: one per cause,
     * and one more at a deadline for code that swallowed the first). A backend call: never
     * under the engine's lock.
     */
    public final void interrupt() {
        Strand target;
        synchronized (this) {
            interrupted = true;
            if (strand == null) {
                return; // not begun: delivered by begin(); or over: dropped
            }
            target = strand;
            delivering++;
        }
        target.interrupt();
        Latch waiting;
        synchronized (this) {
            waiting = --delivering == 0 ? delivered : null;
        }
        if (waiting != null) {
            waiting.open();
        }
    }

    /**
     * Whether the code is running now.
     *
     * @return {@code true} once it has begun, until it returns
     */
    public final synchronized boolean running() {
        return strand != null;
    }

    /**
     * Where the code is now.
     *
     * @return the stack of its strand, top first; empty if it has not begun or is over
     */
    public final StackTraceElement[] stackTrace() {
        Strand target;
        synchronized (this) {
            target = strand;
        }
        return target == null ? new StackTraceElement[0] : target.stackTrace();
    }

    private static void awaitUninterruptibly(Latch latch) {
        while (true) {
            boolean unused = Thread.interrupted();
            try {
                latch.await();
                return;
            } catch (InterruptedException landed) {
                // the interrupt in flight arrived: wait on until its sender is done
            }
        }
    }
}
