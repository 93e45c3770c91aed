package facet.health;

import static facet.health.FakeRoots.root;
import static org.assertj.core.api.Assertions.assertThat;

import facet.health.RootsView.Phase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The drain the engine begins before the first stop: readiness DOWN, then the wait. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DrainTest {

    private final FakeRoots roots = new FakeRoots();
    private final Probing probing = new Probing();
    private final HealthEndpoint endpoint =
            HealthEndpoint.on(HealthEndpointTest.ANY_PORT, roots);

    @BeforeEach
    void start() throws Exception {
        roots.set(root("api", Phase.RUNNING));
        endpoint.start();
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        endpoint.stop();
        probing.close();
    }

    @Test
    void readinessIsDownWhileTheDrainStillWaitsAndTheWaitIsInterruptible() throws Exception {
        endpoint.drainTime(Duration.ofHours(1));
        var drained = new CountDownLatch(1);
        var ending = new AtomicReference<@Nullable Throwable>();
        Thread drainer = Thread.ofPlatform().name("drainer").start(() -> {
            try {
                endpoint.drain();
            } catch (Throwable thrown) {
                ending.set(thrown);
            } finally {
                drained.countDown();
            }
        });

        int ready;
        do {
            ready = probing.status(endpoint, "/health/ready");
        } while (ready == 200);

        assertThat(ready).isEqualTo(503);
        assertThat(drained.getCount()).as("still draining when readiness was seen DOWN").isOne();
        assertThat(probing.status(endpoint, "/health")).isEqualTo(503);
        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(200);
        assertThat(probing.status(endpoint, "/health/started")).isEqualTo(200);
        drainer.interrupt();
        drained.await();
        assertThat(ending.get()).isInstanceOf(InterruptedException.class);
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(503);
    }

    @Test
    void readinessStaysDownAfterTheDrainUntilTheNextStart() throws Exception {
        endpoint.drainTime(Duration.ofMillis(20));

        endpoint.drain();

        var response = probing.get(endpoint, "/health/ready");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).as("the roots are still up: the drain alone is down")
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":"
                        + "[{\"name\":\"api\",\"status\":\"UP\"}]}");
        endpoint.stop();
        endpoint.start();
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);
    }

    @Test
    void aStoppedEndpointHasNothingToDrain() throws Exception {
        endpoint.drainTime(Duration.ofHours(1));
        endpoint.stop();

        endpoint.drain();

        endpoint.start();
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);
    }
}
