package facet.engine.spi;

/** A unit of work started by {@link ExecutionBackend#fork}: a thread or something like one. */
public interface Strand {

    /**
     * Interrupts the work if it is still running, as {@link Thread#interrupt()} does; does
     * nothing once the work has returned. A backend that reuses threads must make sure the
     * interrupt never reaches later work.
     */
    void interrupt();

    /**
     * Where the work is now, for a report of what is stuck.
     *
     * @return the stack of the strand's thread, top first; empty once the work has returned
     */
    StackTraceElement[] stackTrace();
}
