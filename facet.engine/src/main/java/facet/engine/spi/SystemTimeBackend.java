package facet.engine.spi;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A base for backends on real threads and the system clock: latches, alarms and time are done
 * here; a subclass says how to {@link #fork} and how it is named and ranked.
 *
 * <p>Each alarm waits on a strand of its own ({@link #fork}, named {@code facet-alarm}) and runs
 * its action there, so a slow action never delays another.
 *
 * {@snippet file=facet/engine/spi/SystemTimeBackendSnippets.java region=extend}
 */
public abstract class SystemTimeBackend implements ExecutionBackend {

    /** For subclasses. */
    protected SystemTimeBackend() {}

    @Override
    public final long nanoTime() {
        return System.nanoTime();
    }

    /** As {@link Thread#sleep(Duration)}. */
    @Override
    public final void sleep(long nanos) throws InterruptedException {
        Thread.sleep(Duration.ofNanos(Math.max(0, nanos)));
    }

    @Override
    public final Latch newLatch() {
        return new CountDownLatchLatch();
    }

    /**
     * A strand of this backend's that waits for the deadline or the cancel, whichever comes
     * first: a sleeping strand costs little on either backend, where a scheduler thread of the
     * JDK's cost its classes and a thread at the first stop of every launch.
     */
    @Override
    public final Alarm schedule(long deadline, Runnable action) {
        var waiting = new WaitingAlarm(newLatch(), deadline, action);
        var unused = fork("facet-alarm", waiting);
        return waiting;
    }

    /** An alarm's strand: runs the action at its deadline unless its latch is opened first. */
    private static final class WaitingAlarm implements Runnable, Alarm {
        private final Latch cancelled;
        private final long deadline;
        private final Runnable action;

        WaitingAlarm(Latch cancelled, long deadline, Runnable action) {
            this.cancelled = cancelled;
            this.deadline = deadline;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled.open();
        }

        @Override
        public void run() {
            boolean interrupted = false;
            while (true) {
                try {
                    if (cancelled.await(deadline)) {
                        return;
                    }
                    break;
                } catch (InterruptedException notACancel) {
                    interrupted = true; // waits on; the interrupt is restored after the action
                }
            }
            try {
                action.run();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A latch on a {@link CountDownLatch} of one. */
    private static final class CountDownLatchLatch implements Latch {
        private final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public void open() {
            latch.countDown();
        }

        @Override
        public void await() throws InterruptedException {
            latch.await();
        }

        @Override
        public boolean await(long deadline) throws InterruptedException {
            return latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }
}
