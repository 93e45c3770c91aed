package facet.engine;

import facet.engine.spi.Latch;
import org.jspecify.annotations.Nullable;

/**
 * A release made from outside the graph ({@code close()}, the shutdown hook) and what it waits
 * for: the stop of the root, or its deadline.
 */
final class Release implements StopWaiter {

    final StopReport report = new StopReport();
    private final Latch stopped;
    private final @Nullable String logAs;

    /** @param logAs {@code null} if a caller waits and throws; else what to log failures as */
    Release(Latch stopped, @Nullable String logAs) {
        this.stopped = stopped;
        this.logAs = logAs;
    }

    @Override
    public void stopped(Node node, Tx tx) {
        report.close();
        String what = logAs;
        if (what != null) {
            tx.after(() -> report.log(what));
        }
        tx.after(stopped::open);
    }

    /** Waits for the stop; then throws what went wrong in it. */
    void await() throws Exception {
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // the stop goes on, bounded by its deadline
            throw interrupted;
        }
        Throwable failure = report.toException();
        if (failure != null) {
            throw Failures.checked(failure);
        }
    }
}
