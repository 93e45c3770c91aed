package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A start waits at the gate while a failure is on its way, and goes on once it is reported. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FailureGateTest {

    private final FailureGate gate = new FailureGate(new ThreadPerStrand());

    @Test
    void anOpenGateLetsAStartThrough() {
        assertThat(CompletableFuture.runAsync(gate::awaitReported))
                .succeedsWithin(5, TimeUnit.SECONDS);

        gate.thrown();
        gate.reported();

        assertThat(CompletableFuture.runAsync(gate::awaitReported)).as("open again")
                .succeedsWithin(5, TimeUnit.SECONDS);
    }

    @Test
    void aStartWaitsUntilEveryFailureOnItsWayIsReported() throws Exception {
        gate.thrown();
        gate.thrown();
        var waiting = new CountDownLatch(1);
        var through = new CompletableFuture<Void>();
        Thread.ofPlatform().daemon().start(() -> {
            waiting.countDown();
            gate.awaitReported();
            through.complete(null);
        });
        waiting.await();

        gate.reported();
        assertThat(through).as("one failure is still on its way")
                .isNotCompleted(); // a snapshot: it may only complete after the last report
        gate.reported();

        assertThat(through).succeedsWithin(5, TimeUnit.SECONDS);
    }
}
