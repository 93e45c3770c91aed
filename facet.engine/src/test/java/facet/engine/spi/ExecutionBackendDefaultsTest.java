package facet.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a backend gets without writing it: {@code sleep} waits on a latch until its own clock
 * reaches the end of the sleep, and {@code timestamp} reads that clock.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExecutionBackendDefaultsTest {

    /** A backend on a clock it is told, whose latches note the deadline each is awaited to. */
    private static final class Clocked implements ExecutionBackend {
        long now;
        final List<Long> deadlines = new ArrayList<>();

        Clocked(long now) {
            this.now = now;
        }

        @Override
        public String name() {
            return "clocked";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public Strand fork(String name, Runnable body) {
            throw new UnsupportedOperationException("no strands here");
        }

        @Override
        public Alarm schedule(long deadline, Runnable action) {
            throw new UnsupportedOperationException("no alarms here");
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Latch newLatch() {
            return new Latch() {
                @Override
                public void open() {}

                @Override
                public void await() {
                    throw new AssertionError("a sleep waits with a deadline");
                }

                @Override
                public boolean await(long deadline) {
                    deadlines.add(deadline);
                    return false;
                }
            };
        }
    }

    @Test
    void sleepWaitsUntilTheBackendsClockReachesItsEnd() throws Exception {
        var backend = new Clocked(1_000);

        backend.sleep(250);
        backend.sleep(1);

        assertThat(backend.deadlines).containsExactly(1_250L, 1_001L);
    }

    @Test
    void aSleepOfNoTimeOrLessOnlyLetsOthersRun() throws Exception {
        var backend = new Clocked(-5_000); // any origin: a clock may read negative

        backend.sleep(0);
        backend.sleep(-1);
        backend.sleep(Long.MIN_VALUE);

        assertThat(backend.deadlines).containsExactly(-5_000L, -5_000L, -5_000L);
    }

    @Test
    void aSleepPastTheEndOfTheClockWaitsForever() throws Exception {
        var backend = new Clocked(Long.MAX_VALUE - 10);

        backend.sleep(10);
        backend.sleep(11);
        backend.sleep(Long.MAX_VALUE);

        assertThat(backend.deadlines)
                .containsExactly(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Test
    void aTimestampIsTheBackendsClock() {
        assertThat(new Clocked(42).timestamp()).isEqualTo(42);
    }
}
