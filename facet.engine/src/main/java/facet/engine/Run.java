package facet.engine;

import facet.engine.event.EngineEvent;
import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One run of user code: a start or stop hook, or a task. A {@link Worker} runs it, then hands
 * what it threw (or {@code null}) to {@code returned} in a transition.
 *
 * <p>A run not begun yet can be dropped: its code never runs and its owner never hears of it (a
 * start nothing needs any more). A worker runs many of these one after another, so an
 * interrupt must reach the strand only while this code runs there: one asked for before the
 * code begins is delivered as it begins;
 * one asked for after it returned is dropped; one on its way as it returns is waited for and
 * cleared, so the next code on that strand never sees it. The monitor guards the fields below
 * and is never held across a backend call (those may be scheduling points).
 */
final class Run {

    /** What a run is: a hook or task of a service, or the engine's own waiting. */
    enum Kind {
        START(EngineEvent.Hook.START), STOP(EngineEvent.Hook.STOP), TASK(EngineEvent.Hook.TASK),
        ENGINE(null);

        /** Which code of a service it runs; {@code null} for the engine's own. */
        final EngineEvent.@Nullable Hook hook;

        Kind(EngineEvent.@Nullable Hook hook) {
            this.hook = hook;
        }
    }

    /** The thread name while the code runs: {@code facet-start-Database}. */
    final String name;
    final Kind kind;
    /** The service life it belongs to; {@code null} for the engine's own. */
    final @Nullable Node node;
    final Workers workers;
    final Engine.UserCode code;
    final BiConsumer<@Nullable Throwable, Tx> returned;

    /** How a worker's begin went: the run was dropped, or it runs, maybe interrupted at once. */
    enum Begun { DROPPED, RUNS, RUNS_INTERRUPTED }

    private @Nullable Strand strand;
    private boolean began;
    private boolean dropped;
    private boolean interrupted;
    private int delivering;
    private @Nullable Latch delivered;

    Run(String name, Kind kind, @Nullable Node node, Workers workers, Engine.UserCode code,
            BiConsumer<@Nullable Throwable, Tx> returned) {
        this.name = name;
        this.kind = kind;
        this.node = node;
        this.workers = workers;
        this.code = code;
        this.returned = returned;
    }

    /**
     * The worker, on {@code self}, as the code begins: unless the run was dropped. An interrupt
     * asked for before is the worker's to deliver, once it told the observer that the code
     * begins.
     */
    synchronized Begun begin(Strand self) {
        if (dropped) {
            return Begun.DROPPED;
        }
        began = true;
        strand = self;
        return interrupted ? Begun.RUNS_INTERRUPTED : Begun.RUNS;
    }

    /**
     * Drops the run if it has not begun: its code will never run. Called under the graph's lock
     * (the monitor is held only briefly, never across a backend call).
     *
     * @return whether it was dropped; {@code false} if it has begun (or was dropped before)
     */
    synchronized boolean drop() {
        if (began || dropped) {
            return false;
        }
        dropped = true;
        return true;
    }

    /**
     * Takes the run as a worker would, for one that no worker will run (none could be forked).
     *
     * @return {@code false} if it was dropped: nobody waits for it
     */
    synchronized boolean takeWithoutStrand() {
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
    void end(ExecutionBackend backend) {
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

    /** Interrupts the code, now or as it begins; only once, never after it returned. An effect. */
    void interrupt() {
        Strand target;
        synchronized (this) {
            if (interrupted) {
                return;
            }
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

    /** Whether the code is running now: it has begun and not returned. */
    synchronized boolean running() {
        return strand != null;
    }

    /** Where the code is now; empty if it has not begun or is over. */
    StackTraceElement[] stackTrace() {
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
