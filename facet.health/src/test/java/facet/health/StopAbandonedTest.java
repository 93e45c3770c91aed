package facet.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Facet;
import facet.api.Service;
import facet.api.ShutdownTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Liveness hears the engine: a stop abandoned past its deadline turns it DOWN for good. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StopAbandonedTest {

    /** A stop that waits for nothing that ever comes, until the engine interrupts it. */
    static final class Stuck implements Service {

        @Override
        public void stop() throws InterruptedException {
            new CountDownLatch(1).await();
        }

        @Override
        public Duration gracefulShutdownTimeout() {
            return Duration.ofMillis(50);
        }

        @Override
        public String toString() {
            return "stuck";
        }
    }

    private final Probing probing = new Probing();
    private final HealthEndpoint endpoint = HealthEndpoint.on(HealthEndpointTest.ANY_PORT);

    @AfterEach
    void stop() {
        endpoint.stop();
        probing.close();
    }

    @Test
    void aStopAbandonedPastItsDeadlineTurnsLivenessDownUntilTheNextStart() throws Exception {
        endpoint.start();
        var running = Facet.start(new Stuck());
        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(200);

        assertThatThrownBy(running::close).isInstanceOf(ShutdownTimeoutException.class);

        var live = probing.get(endpoint, "/health/live");
        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(live.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":"
                + "[{\"name\":\"stuck\",\"status\":\"DOWN\"}]}");
        assertThat(probing.status(endpoint, "/health")).isEqualTo(503);
        endpoint.stop();
        endpoint.start();
        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(200);
    }
}
