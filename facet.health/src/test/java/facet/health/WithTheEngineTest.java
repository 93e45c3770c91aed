package facet.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The endpoint on the real engine, as an application has it: the first dependency of its root.
 * The probes follow {@code Facet.roots()}, and the engine drains it before the root's stop().
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class WithTheEngineTest {

    private final Probing probing = new Probing();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        probing.close();
    }

    /** A service that asks the endpoint's probes from its own hooks, and records the answers. */
    private final class Asking implements Service {
        private final String name;
        private final HealthEndpoint health;
        private final Dependencies dependencies;
        private final CountDownLatch crash = new CountDownLatch(1);
        private volatile boolean crashes;

        Asking(String name, HealthEndpoint health, Service... dependencies) {
            this.name = name;
            this.health = health;
            this.dependencies = Dependencies.of(dependencies);
        }

        @Override
        public void start() throws Exception {
            seen.add(name + " start: started " + probing.status(health, "/health/started")
                    + ", ready " + probing.status(health, "/health/ready"));
            if (crashes) {
                var unused = addTask(() -> {
                    crash.await();
                    throw new IOException("crashed on purpose");
                });
            }
        }

        @Override
        public void stop() throws Exception {
            seen.add(name + " stop: ready " + probing.status(health, "/health/ready")
                    + ", live " + probing.status(health, "/health/live"));
        }

        @Override
        public Dependencies dependencies() {
            return dependencies;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    @SuppressWarnings("try") // held for the probes, closed to see the stop
    void startedOnceTheRootRunsAndReadinessDownBeforeTheFirstStop() throws Exception {
        var health = HealthEndpoint.on(HealthEndpointTest.ANY_PORT);
        var db = new Asking("db", health, health);
        var api = new Asking("api", health, health, db);

        try (var running = Facet.start(api)) {
            assertThat(probing.status(health, "/health/started")).isEqualTo(200);
            assertThat(probing.status(health, "/health/ready")).isEqualTo(200);
            assertThat(probing.get(health, "/health").body())
                    .as("a check per service the endpoint saw start").isEqualTo(
                            "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},"
                                    + "{\"name\":\"api\",\"status\":\"UP\"}]}");
        }

        assertThat(seen).containsExactly(
                "db start: started 503, ready 503",
                "api start: started 503, ready 503",
                "api stop: ready 503, live 200",
                "db stop: ready 503, live 200");
        assertThat(catchThrowable(() -> probing.status(health, "/health")))
                .as("the port is released once the endpoint stopped")
                .isInstanceOf(IOException.class);
    }

    @Test
    void aCrashTurnsLivenessDownAndTheStopItCausesDrainsFirst() throws Exception {
        var health = HealthEndpoint.on(HealthEndpointTest.ANY_PORT);
        var api = new Asking("api", health, health);
        api.crashes = true;

        var running = Facet.start(api);
        api.crash.countDown();
        assertThat(catchThrowable(running::await)).hasMessage("crashed on purpose");
        assertThat(probing.status(health, "/health/live")).isEqualTo(503);
        assertThat(probing.status(health, "/health/ready")).isEqualTo(503);
        assertThat(catchThrowable(running::close)).isNull();

        assertThat(seen).containsExactly(
                "api start: started 503, ready 503",
                "api stop: ready 503, live 503");
    }

    /** A service that is its own readiness check. */
    static final class Pool implements Service, HealthCheck {
        volatile boolean up = true;

        @Override
        public boolean check() {
            return up;
        }

        @Override
        public String toString() {
            return "pool";
        }
    }

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void aServiceThatIsAHealthCheckCountsForReadinessUnderItsName() throws Exception {
        var health = HealthEndpoint.on(HealthEndpointTest.ANY_PORT);
        var pool = new Pool();
        var api = new Asking("api", health, health, pool);
        try (var running = Facet.start(api)) {
            assertThat(probing.status(health, "/health/ready")).isEqualTo(200);

            pool.up = false;
            var ready = probing.get(health, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":["
                    + "{\"name\":\"pool\",\"status\":\"DOWN\"},"
                    + "{\"name\":\"api\",\"status\":\"UP\"}]}");
            assertThat(probing.status(health, "/health/live")).isEqualTo(200);
            assertThat(probing.status(health, "/health/started")).isEqualTo(200);

            pool.up = true;
            assertThat(probing.status(health, "/health/ready")).isEqualTo(200);
            assertThat(running.service()).isSameAs(api);
        }
    }
}
