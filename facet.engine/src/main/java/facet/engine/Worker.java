package facet.engine;

import static java.util.Objects.requireNonNull;

import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A strand of the backend that runs user code: first the runs queued for it, then, after each
 * run, the run its own transition made next. A chain of sequential starts or stops thus runs on
 * one strand, without a fork per hook.
 *
 * <p>When a worker takes a run while more wait in the queue and no other worker is between runs,
 * {@link Workers} sees to a spare: so a run that blocks never holds back the ones queued behind
 * it, and the hooks of one step still start concurrently (R2).
 */
final class Worker implements Runnable, Function<Tx, @Nullable Void> {

    /** The worker on this thread, if it is one. */
    private static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

    private final Workers workers;
    /** The run whose code this worker is in; only this worker writes it. */
    private @Nullable Run running;
    private final Latch forked;
    private volatile @Nullable Strand strand;
    /** The run a transition of this worker made, to run next here; only this worker uses it. */
    private @Nullable Run next;
    // The run that returned, and what it threw: for the transition that reports it.
    private @Nullable Run returnedRun;
    private @Nullable Throwable thrown;

    Worker(Workers workers, Latch forked) {
        this.workers = workers;
        this.forked = forked;
    }

    /** The fork returned: this worker may now run code that can be interrupted. */
    void forked(Strand self) {
        strand = self;
        forked.open();
    }

    /** Whether this worker can take {@code run} as its next; called by its own transitions. */
    boolean takeNext(Run run) {
        if (next != null) {
            return false;
        }
        next = run;
        return true;
    }

    /** The run whose code the calling thread is in, if the thread is a worker's. */
    static @Nullable Run currentRun() {
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
            workers.ended();
        }
    }

    private void work() {
        Strand self = awaitStrand();
        if (!workers.spareArrived()) {
            return;
        }
        while (true) {
            Run run = next;
            next = null;
            if (run == null) {
                run = workers.poll();
            }
            if (run == null) {
                if (workers.leave()) {
                    return;
                }
                continue; // a run came in as this worker left: it stays for it
            }
            workers.taking();
            execute(run, self);
        }
    }

    private void execute(Run run, Strand self) {
        if (run.kind == Run.Kind.START) {
            workers.gate.awaitReported(); // a failure on its way may cancel this start
        }
        Run.Begun begun = run.begin(self);
        if (begun == Run.Begun.DROPPED) { // nothing needs it any more: nobody hears of it
            long unused = workers.returned();
            return;
        }
        Thread.currentThread().setName(run.name);
        workers.engine.began(run);
        if (begun == Run.Begun.RUNS_INTERRUPTED) {
            self.interrupt();
        }
        // the failure of a start or task may cancel starts: they wait until it is reported
        boolean gates = run.kind == Run.Kind.START || run.kind == Run.Kind.TASK;
        Throwable failure = null;
        running = run;
        try {
            run.code.call();
        } catch (Throwable failed) {
            failure = failed;
            if (gates) {
                workers.gate.thrown();
            }
        } finally {
            running = null;
        }
        run.end(workers.engine.backend());
        long order = workers.returned();
        returnedRun = run;
        thrown = failure;
        try {
            workers.engine.graph().transact(workers.engine, this, order, this);
        } catch (Throwable broken) { // an effect failed: never lose it
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, broken);
        } finally {
            returnedRun = null;
            thrown = null;
            if (failure != null && gates) {
                workers.gate.reported();
            }
        }
    }

    /** The transition that reports a run's return (this worker's own, not for others). */
    @Override
    public @Nullable Void apply(Tx tx) {
        requireNonNull(returnedRun).returned.accept(thrown, tx);
        return null;
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
