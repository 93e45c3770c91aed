package facet.health;

import static facet.health.FakeRoots.crashed;
import static facet.health.FakeRoots.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Facet;
import facet.health.RootsView.Phase;
import facet.health.RootsView.RootView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The endpoint over real HTTP: its paths, statuses, headers and bodies, and its port. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class HealthEndpointTest {

    static final InetSocketAddress ANY_PORT = loopback(0);

    /** 127.0.0.1 by its bytes: no name to resolve, and it shows as the literal. */
    static InetSocketAddress loopback(int port) {
        try {
            return new InetSocketAddress(
                    InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        } catch (UnknownHostException cannot) {
            throw new AssertionError(cannot);
        }
    }

    private final FakeRoots roots = new FakeRoots();
    private final Probing probing = new Probing();
    private final List<HealthEndpoint> started = new ArrayList<>();

    private HealthEndpoint start(HealthEndpoint endpoint) throws IOException {
        endpoint.start();
        started.add(endpoint);
        return endpoint;
    }

    private HealthEndpoint start() throws IOException {
        return start(HealthEndpoint.on(ANY_PORT, roots));
    }

    @AfterEach
    void stop() {
        started.forEach(HealthEndpoint::stop);
        probing.close();
    }

    static Stream<Arguments> rootStates() {
        // the root "api" in each state beside a root "jobs" that runs: started, live, ready, all
        return Stream.of(
                Arguments.of(root("api", Phase.RUNNING), List.of(200, 200, 200, 200)),
                Arguments.of(root("api", Phase.STARTING), List.of(503, 200, 503, 503)),
                Arguments.of(root("api", Phase.STOPPING), List.of(200, 200, 503, 503)),
                Arguments.of(crashed("api"), List.of(200, 503, 503, 503)));
    }

    @ParameterizedTest
    @MethodSource("rootStates")
    void eachPathAnswersUpOrDownByTheRootsStates(RootView api, List<Integer> statuses)
            throws Exception {
        roots.set(api, root("jobs", Phase.RUNNING));
        var endpoint = start();

        var paths = List.of("/health/started", "/health/live", "/health/ready", "/health");
        for (int i = 0; i < paths.size(); i++) {
            var response = probing.get(endpoint, paths.get(i));
            String status = statuses.get(i) == 200 ? "UP" : "DOWN";
            String apiStatus = response.body().contains("{\"name\":\"api\",\"status\":\"UP\"}")
                    ? "UP" : "DOWN";
            assertThat(response.statusCode()).as("%s with %s", paths.get(i), api)
                    .isEqualTo(statuses.get(i));
            assertThat(response.body()).as("%s with %s", paths.get(i), api)
                    .startsWith("{\"status\":\"" + status + "\",\"checks\":[")
                    .contains("{\"name\":\"jobs\",\"status\":\"UP\"}");
            assertThat(apiStatus).as("the check of api on %s", paths.get(i)).isEqualTo(status);
        }
    }

    @Test
    void theBodyIsJsonWithOneCheckPerRootAndNamesEscaped() throws Exception {
        roots.set(root("api", Phase.RUNNING), root("say \"hi\" \\o/", Phase.STARTING));
        var endpoint = start();

        var response = probing.get(endpoint, "/health/started");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"api\",\"status\":\"UP\"},"
                + "{\"name\":\"say \\\"hi\\\" \\\\o/\",\"status\":\"DOWN\"}]}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        var endpoint = start();

        for (String path : List.of("/", "/health/", "/health/live/now", "/healthz", "/metrics")) {
            assertThat(probing.status(endpoint, path)).as(path).isEqualTo(404);
        }
        assertThat(probing.send(endpoint, "POST", "/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAreNotAllowedAndTheAnswerSaysWhichAre() throws Exception {
        var endpoint = start();

        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH")) {
            var response = probing.send(endpoint, method, "/health/live");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method)
                    .hasValue("GET, HEAD");
        }
    }

    @Test
    void headAnswersTheStatusAndHeadersWithoutABody() throws Exception {
        roots.set(root("api", Phase.STARTING));
        var endpoint = start();

        var down = probing.send(endpoint, "HEAD", "/health/ready");
        var up = probing.send(endpoint, "HEAD", "/health/live");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEmpty();
        assertThat(up.body()).isEmpty();
        assertThat(up.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(up.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void eachRequestDecidesAfresh() throws Exception {
        var endpoint = start();
        roots.set(root("api", Phase.STARTING));
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(503);

        roots.set(root("api", Phase.RUNNING));

        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);
    }

    @Test
    void aCrashSeenOnceKeepsLivenessDownUntilTheNextStart() throws Exception {
        roots.set(crashed("api"));
        var endpoint = start();
        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(503);

        roots.set();

        var response = probing.get(endpoint, "/health/live");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"api\",\"status\":\"DOWN\"}]}");
        assertThat(probing.status(endpoint, "/health/ready")).isEqualTo(200);

        endpoint.stop();
        endpoint.start();

        assertThat(probing.status(endpoint, "/health/live")).isEqualTo(200);
    }

    @Test
    void aPortInUseFailsTheStartWithAMessageNamingTheAddress() throws Exception {
        try (var taken = new ServerSocket()) {
            taken.bind(ANY_PORT);
            var address = loopback(taken.getLocalPort());
            var endpoint = HealthEndpoint.on(address);

            assertThatThrownBy(endpoint::start)
                    .isInstanceOf(BindException.class)
                    .hasMessageStartingWith("cannot bind health endpoint to 127.0.0.1:"
                            + taken.getLocalPort() + ": ");
            assertThat(endpoint.address()).isEqualTo(address);
        }
    }

    @Test
    void stopReleasesThePortAndASecondStopDoesNothing() throws Exception {
        var endpoint = start();
        assertThat(probing.status(endpoint, "/health")).isEqualTo(200);
        var bound = endpoint.address();

        endpoint.stop();
        endpoint.stop();

        assertThat(endpoint.address()).isEqualTo(ANY_PORT);
        try (var again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(bound);
            assertThat(again.getLocalPort()).isEqualTo(bound.getPort());
        }
        var sameAddress = start(HealthEndpoint.on(bound, roots));
        assertThat(probing.status(sameAddress, "/health")).isEqualTo(200);
    }

    @Test
    void aSilentClientDelaysNoProbe() throws Exception {
        var endpoint = start();

        try (var silent = new Socket(); var halfway = new Socket()) {
            silent.connect(endpoint.address());
            halfway.connect(endpoint.address());
            OutputStream out = halfway.getOutputStream();
            out.write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();

            for (String path : List.of("/health/started", "/health/live", "/health")) {
                assertThat(probing.status(endpoint, path)).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void itIsNamedByItsAddressTheBoundOneOnceStarted() throws Exception {
        var endpoint = HealthEndpoint.on(new InetSocketAddress("0.0.0.0", 8081));
        assertThat(endpoint).hasToString("health endpoint on 0.0.0.0:8081");
        var ipv6 = new InetSocketAddress(InetAddress.getByAddress(
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), 8081);
        assertThat(HealthEndpoint.on(ipv6))
                .hasToString("health endpoint on [0:0:0:0:0:0:0:1]:8081");

        var onAnyPort = start();

        assertThat(onAnyPort.address().getPort()).isPositive();
        assertThat(onAnyPort).hasToString(
                "health endpoint on 127.0.0.1:" + onAnyPort.address().getPort());
    }

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void asTheFirstDependencyOfARootItAnswersWhileTheRootRuns() throws Exception {
        var health = HealthEndpoint.on(ANY_PORT);
        var api = new HealthEndpointSnippets.Api(health, new HealthEndpointSnippets.Database());
        InetSocketAddress bound;

        try (var running = Facet.start(api)) {
            bound = health.address();
            assertThat(running.service().running()).isTrue();
            assertThat(probing.status(health, "/health")).isEqualTo(200);
        }

        assertThatThrownBy(() -> {
            try (var socket = new Socket()) {
                socket.connect(bound);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void theSettersCheckTheirArguments() {
        var endpoint = HealthEndpoint.on(ANY_PORT);

        assertThat(endpoint.drainTime(Duration.ZERO)).isSameAs(endpoint);
        assertThat(endpoint.checkTimeout(Duration.ofMillis(1))).isSameAs(endpoint);
        assertThatThrownBy(() -> endpoint.drainTime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drainTime must not be negative: PT-1S");
        assertThatThrownBy(() -> endpoint.checkTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkTimeout must be positive: PT0S");
        var nulls = Map.<String, Runnable>of(
                "drainTime", () -> endpoint.drainTime(nullDuration()),
                "checkTimeout", () -> endpoint.checkTimeout(nullDuration()),
                "address", () -> HealthEndpoint.on(nullAddress()));
        nulls.forEach((name, call) -> assertThatThrownBy(call::run)
                .isInstanceOf(NullPointerException.class).hasMessage(name));
    }

    @SuppressWarnings("NullAway") // on purpose: what a caller without NullAway may pass
    private static Duration nullDuration() {
        return null;
    }

    @SuppressWarnings("NullAway")
    private static InetSocketAddress nullAddress() {
        return null;
    }
}
