package facet.engine;

import facet.engine.spi.Strand;
import org.jspecify.annotations.Nullable;

/**
 * User code running on a strand: a start or stop hook, or a task.
 *
 * <p>The strand is known only once the fork returns, and the work may be asked to stop before
 * that; the monitor here makes sure the interrupt is delivered exactly once either way. It
 * guards two fields and never waits.
 */
final class Run {

    final String name;

    private @Nullable Strand strand;
    private boolean interrupted;

    Run(String name) {
        this.name = name;
    }

    /** Called once the fork returned; delivers an interrupt asked for before. */
    void forked(Strand forked) {
        boolean deliver;
        synchronized (this) {
            strand = forked;
            deliver = interrupted;
        }
        if (deliver) {
            forked.interrupt();
        }
    }

    /** Interrupts the work, now or as soon as its strand is known; only once. An effect. */
    void interrupt() {
        Strand target;
        synchronized (this) {
            if (interrupted) {
                return;
            }
            interrupted = true;
            target = strand;
        }
        if (target != null) {
            target.interrupt();
        }
    }

    /** Where the work is now; empty if its strand is not known yet. */
    StackTraceElement[] stackTrace() {
        Strand target;
        synchronized (this) {
            target = strand;
        }
        return target == null ? new StackTraceElement[0] : target.stackTrace();
    }
}
