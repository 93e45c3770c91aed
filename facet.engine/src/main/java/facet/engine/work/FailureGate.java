package facet.engine.work;

import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import org.jspecify.annotations.Nullable;

/**
 * Holds back every {@code start()} about to begin while a hook or task that threw is on its
 * way to the engine: between the throw and the transition that reports it, the engine cannot
 * know that a start failed, and a worker could begin a {@code start()} that the failure is
 * about to cancel (R4: no further start). So once a start or task has thrown, a worker waits
 * here before it begins a start; the report then drops what nothing needs any more.
 *
 * <p>Free when nothing fails: a start reads one volatile field. The monitor guards the count
 * and the latch, and is never held across a backend call that may be a scheduling point.
 */
final class FailureGate {

    private final ExecutionBackend backend;
    /** Failures thrown and not reported yet; guarded by this. */
    private int onTheirWay;
    /** Opens when the last of them is reported; guarded by this. */
    private @Nullable Latch reported;
    /** A copy of {@code onTheirWay > 0}, read without the monitor by every start. */
    private volatile boolean closed;

    FailureGate(ExecutionBackend backend) {
        this.backend = backend;
    }

    /** A hook or task threw: starts wait until its report is made. */
    synchronized void thrown() {
        if (onTheirWay++ == 0) {
            reported = backend.newLatch(); // a plain call, no scheduling point
            closed = true;
        }
    }

    /** The report of a failure is made: once the last one is, starts go on. */
    void reported() {
        Latch open = null;
        synchronized (this) {
            if (--onTheirWay == 0) {
                open = reported;
                reported = null;
                closed = false;
            }
        }
        if (open != null) {
            open.open();
        }
    }

    /**
     * A worker is about to begin a {@code start()}: waits while a failure is on its way. Not
     * interruptible: the worker runs no code yet, so no interrupt can be meant for it.
     *
     * @return whether it waited; if not, it made no scheduling point
     */
    boolean awaitReported() {
        if (!closed) {
            return false;
        }
        Latch waiting;
        synchronized (this) {
            waiting = reported;
        }
        while (waiting != null) {
            try {
                waiting.await();
                return true;
            } catch (InterruptedException notMeantForUs) {
                // look again: the gate may have opened meanwhile
            }
        }
        return false;
    }
}
