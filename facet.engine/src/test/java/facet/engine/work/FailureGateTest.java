package facet.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import facet.engine.DelegatingBackend;
import facet.engine.DelegatingLatch;
import facet.engine.spi.Latch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A start waits at the gate while a failure is on its way, and goes on once it is reported. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FailureGateTest {

    /** Counted down as a start blocks at the gate: then it is known to wait. */
    private final CountDownLatch blocked = new CountDownLatch(1);

    private final FailureGate gate = new FailureGate(new DelegatingBackend() {
        @Override
        public Latch newLatch() {
            return new DelegatingLatch(delegate.newLatch()) {
                @Override
                public void await() throws InterruptedException {
                    blocked.countDown();
                    delegate.await();
                }
            };
        }
    });

    /** A start at the gate, on a thread of its own: completes once it is through. */
    private CompletableFuture<Void> startAtTheGate() {
        var through = new CompletableFuture<Void>();
        Thread.ofPlatform().daemon().start(() -> {
            gate.awaitReported();
            through.complete(null);
        });
        return through;
    }

    @Test
    void anOpenGateLetsAStartThroughWithoutWaiting() {
        assertThat(startAtTheGate()).succeedsWithin(5, TimeUnit.SECONDS);

        gate.thrown();
        gate.reported();

        assertThat(startAtTheGate()).as("open again").succeedsWithin(5, TimeUnit.SECONDS);
        assertThat(blocked.getCount()).as("no start waited").isOne();
    }

    @Test
    void aFailureOnItsWayHoldsAStartUntilItIsReported() throws Exception {
        gate.thrown();
        var through = startAtTheGate();
        blocked.await();

        assertThat(through).isNotDone();
        gate.reported();

        assertThat(through).succeedsWithin(5, TimeUnit.SECONDS);
    }

    @Test
    void aStartWaitsUntilEveryFailureOnItsWayIsReported() throws Exception {
        gate.thrown();
        gate.thrown();
        var through = startAtTheGate();
        blocked.await();

        gate.reported();
        assertThat(through).as("one failure is still on its way").isNotDone();
        gate.reported();

        assertThat(through).succeedsWithin(5, TimeUnit.SECONDS);
    }
}
