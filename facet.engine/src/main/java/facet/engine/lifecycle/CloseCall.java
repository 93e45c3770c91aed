package facet.engine.lifecycle;

import facet.api.RootStatus;
import facet.engine.spi.Latch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One {@code close()} of a handle, the last hold on its root: the root's stop, and its caller
 * waiting for it (or its deadline). The twin of {@link StartCall}, for the way down.
 */
final class CloseCall implements StopListener {

    private static final int WAITING = 0;
    private static final int GAVE_UP = 1;
    private static final int STOPPED = 2;

    final StopReport report;
    private final ServiceLife root;
    private final Latch stopped;
    private final @Nullable String logAs;
    /** Who reports the failures: the waiter, or (if it gave up) the stop, by logging them. */
    private final AtomicInteger handover = new AtomicInteger(WAITING);

    /**
     * @param root the root the close lets go of
     * @param logAs {@code null} if a caller waits and throws; else what to log failures as
     */
    CloseCall(ServiceLife root, @Nullable String logAs) {
        this.root = root;
        this.stopped = root.orchestrator.backend.newLatch();
        this.logAs = logAs;
        this.report = new StopReport(root, true);
    }

    @Override
    public void stopped(ServiceLife life, Transition transition) {
        report.close();
        root.orchestrator.closingEnded(this);
        String what = logAs != null ? logAs : "stop of " + life.name + " after its caller left";
        transition.after(new Hand(what));
    }

    /**
     * The effect that hands the stop's outcome to its waiter, or logs it if nobody waits (a
     * class: see the package's notes).
     */
    private final class Hand implements Runnable {

        private final String what;

        Hand(String what) {
            this.what = what;
        }

        @Override
        public void run() {
            if (handover.getAndSet(STOPPED) == GAVE_UP || logAs != null) {
                report.log(what);
            }
            stopped.open();
        }
    }

    /** What {@code Facet.roots()} says of its root while it stops. Under the lock. */
    RootStatus status() {
        return new RootStatus(root.service, root.name, RootStatus.State.STOPPING,
                root.crash() != null);
    }

    /**
     * Waits for the stop; then throws what went wrong in it: the crash of the root's stack if
     * no call threw it yet (the stop's failures under it, once the crash is logged), else the
     * stop's own failure. An interrupt ends either wait and is thrown, with what the stop threw
     * under it if it has ended; a crash still being logged then is not thrown (R6), only logged.
     */
    void await() throws Exception {
        Crash crash = null;
        try {
            stopped.await();
            crash = root.crash();
            if (crash != null) {
                crash.awaitLogged();
            }
        } catch (InterruptedException interrupted) {
            if (!handover.compareAndSet(WAITING, GAVE_UP)) { // it has just stopped: say how
                Throwable failure = report.toException();
                if (failure != null) {
                    interrupted.addSuppressed(failure);
                }
            }
            Thread.currentThread().interrupt(); // the stop goes on, bounded by its deadline
            throw interrupted;
        }
        if (crash != null && crash.claimForClose()) {
            report.attachTo(crash.failure);
            throw Failures.checked(crash.failure);
        }
        Throwable failure = report.toException();
        if (failure != null) {
            throw Failures.checked(failure);
        }
    }
}
