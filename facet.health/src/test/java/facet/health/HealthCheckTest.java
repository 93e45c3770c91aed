package facet.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The application's own checks: where they count, and what a failing or hanging one does. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class HealthCheckTest {

    private final Probing probing = new Probing();
    private final HealthEndpoint endpoint = HealthEndpoint.on(HealthEndpointTest.ANY_PORT);

    @AfterEach
    void stop() {
        endpoint.stop();
        probing.close();
    }

    @Test
    void aReadinessCheckCountsForReadinessOnly() throws Exception {
        var up = new AtomicBoolean(false);
        endpoint.readinessCheck("database", up::get).start();

        var ready = probing.get(endpoint, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":"
                + "[{\"name\":\"database\",\"status\":\"DOWN\"}]}");
        assertThat(probing.status(endpoint, "/health")).isEqualTo(503);
        assertThat(probing.get(endpoint, "/health/live").body())
                .isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
        assertThat(probing.status(endpoint, "/health/started")).isEqualTo(200);

        up.set(true);

        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);
    }

    @Test
    void aLivenessCheckCountsForLivenessOnly() throws Exception {
        endpoint.livenessCheck("pool", () -> false).start();

        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(503);
        assertThat(probing.status(endpoint, "/health")).isEqualTo(503);
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);
    }

    @Test
    void oneCheckRegisteredForBothProbesRunsOnceForTheWholeAnswer() throws Exception {
        var runs = new AtomicInteger();
        HealthCheck pool = () -> runs.incrementAndGet() > 0;
        endpoint.livenessCheck("pool", pool).readinessCheck("pool", pool).start();

        var all = probing.get(endpoint, "/health");

        assertThat(all.body()).isEqualTo("{\"status\":\"UP\",\"checks\":"
                + "[{\"name\":\"pool\",\"status\":\"UP\"}]}");
        assertThat(runs).hasValue(1);
        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(200);
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);
        assertThat(runs).hasValue(3);
    }

    @Test
    void aCheckThatThrowsIsDownAndItsExceptionStaysInside() throws Exception {
        endpoint.readinessCheck("database", () -> {
            throw new IllegalStateException("password=hunter2 refused");
        }).start();

        var response = probing.get(endpoint, "/health/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":"
                + "[{\"name\":\"database\",\"status\":\"DOWN\"}]}");
    }

    @Test
    void aCheckThatHangsIsDownAfterItsTimeoutAndIsNotStartedAgainWhileItHangs()
            throws Exception {
        var runs = new AtomicInteger();
        var entered = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        endpoint.checkTimeout(Duration.ofMillis(100)).readinessCheck("stuck", () -> {
            runs.incrementAndGet();
            entered.countDown();
            never.await();
            return true;
        }).start();

        var first = probing.get(endpoint, "/health/ready");
        var second = probing.get(endpoint, "/health/ready");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.body()).contains("{\"name\":\"stuck\",\"status\":\"DOWN\"}");
        assertThat(second.statusCode()).isEqualTo(503);
        entered.await();
        assertThat(runs).as("the second request waited for the run still going").hasValue(1);
    }

    @Test
    void aRequestWaitingForACheckDelaysNoOtherProbe() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        endpoint.checkTimeout(Duration.ofHours(1)).readinessCheck("slow", () -> {
            entered.countDown();
            release.await();
            return true;
        }).start();

        var ready = probing.getAsync(endpoint, "/health/ready");
        entered.await();

        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(200);
        assertThat(probing.status(endpoint, "/health/started")).isEqualTo(200);
        assertThat(ready).as("readiness still waits for its check").isNotDone();
        release.countDown();
        assertThat(ready.get().statusCode()).isEqualTo(200);
    }

    @Test
    void oneNameNamesOneCheck() {
        HealthCheck pool = () -> true;
        endpoint.livenessCheck("pool", pool);

        assertThatThrownBy(() -> endpoint.readinessCheck("pool", () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("another health check is named pool: to count one check for both"
                        + " probes, register the same object");
        assertThatThrownBy(() -> endpoint.livenessCheck("pool", pool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("health check pool already counts for liveness");
        endpoint.readinessCheck("pool", pool);
        assertThatThrownBy(() -> endpoint.readinessCheck("pool", pool))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("health check pool already counts for readiness");
    }
}
