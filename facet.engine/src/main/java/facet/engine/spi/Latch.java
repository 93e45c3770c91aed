package facet.engine.spi;

/**
 * A one-shot gate: closed when made, opened once, never closed again. Every wait of the engine
 * and of the handles it returns is a wait on a latch, so a backend controls when it ends.
 */
public interface Latch {

    /** Opens the latch and releases every waiter; does nothing if it is open already. */
    void open();

    /**
     * Waits until the latch is open.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void await() throws InterruptedException;

    /**
     * Waits until the latch is open or {@link ExecutionBackend#nanoTime()} reaches
     * {@code deadline}.
     *
     * @param deadline the time to give up at, on the scale of {@link ExecutionBackend#nanoTime()}
     * @return {@code true} if the latch is open, {@code false} if the deadline passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean await(long deadline) throws InterruptedException;

    /**
     * Waits until the latch is open, whatever interrupts the waiting thread meanwhile: an
     * interrupt does not end the wait, and is set again once it is over, for what follows.
     */
    default void awaitKeepingInterrupt() {
        boolean interrupted = false;
        while (true) {
            try {
                await();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
