package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Running;
import facet.api.Service;
import facet.api.ShutdownTimeoutException;
import facet.engine.spi.Alarm;
import facet.engine.spi.Latch;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backend's clock may have any origin ({@code System.nanoTime()} may be negative): deadlines
 * still end in time on a clock below zero, and only a timeout that overflows means "never".
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NegativeClockTest {

    private static final long SHIFT = Long.MIN_VALUE / 2;

    private final CountDownLatch release = new CountDownLatch(1);

    /** The system clock, moved below zero: every deadline is moved back before it is used. */
    private final Engine engine = new Engine(new DelegatingBackend() {
        @Override
        public long nanoTime() {
            return delegate.nanoTime() + SHIFT;
        }

        @Override
        public Alarm schedule(long deadline, Runnable action) {
            return delegate.schedule(onSystemClock(deadline), action);
        }

        @Override
        public Latch newLatch() {
            return new DelegatingLatch(delegate.newLatch()) {
                @Override
                public boolean await(long deadline) throws InterruptedException {
                    return delegate.await(onSystemClock(deadline));
                }
            };
        }
    });

    private static long onSystemClock(long deadline) {
        return deadline == Long.MAX_VALUE ? deadline : deadline - SHIFT;
    }

    @AfterEach
    void releaseStuckThreads() {
        release.countDown();
    }

    private void awaitRelease() {
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException ignored) {
                // the point: it ignores the interrupt of its deadline
            }
        }
    }

    @Test
    void aStopStuckPastItsTimeoutIsGivenUp() throws Exception {
        assertThat(engine.backend().nanoTime()).isNegative();
        Service stuck = new Service() {
            @Override
            public void stop() {
                awaitRelease();
            }

            @Override
            public Duration gracefulShutdownTimeout() {
                return Duration.ofMillis(100);
            }

            @Override
            public String toString() {
                return "stuck";
            }
        };
        Running<Service> running = engine.start(stuck);

        assertThat(catchThrowable(running::close)).isInstanceOf(ShutdownTimeoutException.class)
                .hasMessageContaining("stuck did not stop within 100ms");
    }

    @Test
    void aTimedGetOfATaskGivesUp() throws Exception {
        Service owner = new Service() {};
        Running<Service> running = engine.start(owner);
        try {
            Future<?> task = Engine.addTask(owner, () -> {
                release.await();
                return null;
            });

            assertThat(catchThrowable(() -> task.get(100, TimeUnit.MILLISECONDS)))
                    .isInstanceOf(TimeoutException.class);
        } finally {
            running.close();
        }
    }
}
