package facet.engine.spi;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A base for backends on real threads and the system clock: latches, alarms and time are done
 * here; a subclass says how to {@link #fork} and how it is named and ranked.
 *
 * <p>Alarms wait on one daemon platform thread, {@code facet-alarm}, made on first use; each due
 * alarm runs on a strand of its own ({@link #fork}), so a slow action never delays another.
 *
 * {@snippet file=facet/engine/spi/SystemTimeBackendSnippets.java region=extend}
 */
public abstract class SystemTimeBackend implements ExecutionBackend {

    private @Nullable ScheduledThreadPoolExecutor alarms;

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

    @Override
    public final Alarm schedule(long deadline, Runnable action) {
        long delay = deadline - System.nanoTime();
        var scheduled = alarms().schedule(() -> fork("facet-alarm", action),
                Math.max(0, delay), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    private synchronized ScheduledThreadPoolExecutor alarms() {
        var existing = alarms;
        if (existing != null) {
            return existing;
        }
        var created = new ScheduledThreadPoolExecutor(1, body -> {
            var thread = new Thread(body, "facet-alarm");
            thread.setDaemon(true);
            return thread;
        });
        created.setRemoveOnCancelPolicy(true);
        alarms = created;
        return created;
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
