package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The health endpoint end to end, as Kubernetes meets it: a child JVM whose root has
 * {@code facet.health}'s endpoint first among its dependencies, probed by a real HTTP client.
 * Started is DOWN while the root starts, then UP; on SIGTERM (or a crash) readiness is DOWN
 * before the first {@code stop()}, after the drain time, then the stops run in reverse order,
 * the port is released and the process is gone.
 *
 * <p>The child waits for the test at three points, told through its standard input, so no step
 * is ordered by time: {@code api}'s {@code start()} until {@code go}; a task of {@code db} until
 * {@code crash}; and the drain of {@code gate}, the last of the tree's drains, until
 * {@code drained}: while it waits, every earlier drain (the endpoint's included) is over and no
 * {@code stop()} has begun.
 */
@Tag("process")
@EnabledOnOs(value = OS.LINUX, disabledReason = "signals by kill, GNU env --default-signal")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HealthProbeSignalTest {

    private static final String MODULE_INFO = """
            module probed {
                requires facet.api;
                requires facet.health;
            }
            """;

    private static final String MAIN = """
            package probed;

            import facet.api.Dependencies;
            import facet.api.Drainable;
            import facet.api.Service;
            import facet.health.HealthEndpoint;
            import java.io.BufferedReader;
            import java.io.IOException;
            import java.io.InputStreamReader;
            import java.net.InetAddress;
            import java.net.InetSocketAddress;
            import java.time.Duration;
            import java.util.Map;
            import java.util.concurrent.CountDownLatch;

            public final class Main {
                static final Duration DRAIN = Duration.ofMillis(300);
                /** What the test says on standard input, each line once. */
                static final Map<String, CountDownLatch> TOLD = Map.of(
                        "go", new CountDownLatch(1), "crash", new CountDownLatch(1),
                        "drained", new CountDownLatch(1));
                static HealthEndpoint health;
                static boolean crashes;
                static Gate gate = new Gate();
                static Db db = new Db();
                static volatile long drainsBegan;

                static void say(String line) {
                    System.out.println(line);
                    System.out.flush();
                }

                static void told(String told) throws InterruptedException {
                    TOLD.get(told).await();
                }

                static final class Db implements Service {
                    @Override public void start() {
                        say("health on " + health.address().getPort());
                        if (crashes) {
                            var unused = addTask(() -> {
                                Main.told("crash");
                                throw new IOException("crashed on purpose");
                            });
                        }
                    }
                    @Override public void stop() { say("db stopping"); }
                    @Override public Dependencies dependencies() { return Dependencies.of(health); }
                    @Override public String toString() { return "db"; }
                }

                /** The root; drained first of its tree, it notes when the drains began. */
                static final class Api implements Service, Drainable {
                    @Override public void start() throws InterruptedException {
                        say("api starting");
                        Main.told("go");
                        say("api started");
                    }
                    @Override public void drain() { drainsBegan = System.nanoTime(); }
                    @Override public void stop() { say("api stopping"); }
                    @Override public Dependencies dependencies() {
                        return Dependencies.of(health, db, gate);
                    }
                    @Override public String toString() { return "api"; }
                }

                /** The tree's last drain, after the endpoint's: it waits for the test. */
                static final class Gate implements Service, Drainable {
                    @Override public void drain() throws InterruptedException {
                        boolean waited = System.nanoTime() - drainsBegan >= DRAIN.toNanos();
                        say("gate draining, the endpoint's drain time passed: " + waited);
                        Main.told("drained");
                    }
                    @Override public void stop() { say("gate stopping"); }
                    @Override public String toString() { return "gate"; }
                }

                public static void main(String[] args) throws Exception {
                    crashes = args[0].equals("crash");
                    var loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
                    health = HealthEndpoint.on(new InetSocketAddress(loopback, 0)).drainTime(DRAIN);
                    Thread.ofPlatform().daemon().start(() -> {
                        var in = new BufferedReader(new InputStreamReader(System.in));
                        try {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                TOLD.get(line).countDown();
                            }
                        } catch (IOException ended) {
                            say("stdin: " + ended);
                        }
                    });
                    try {
                        new Api().run();
                        say("run returned");
                    } catch (Exception ended) {
                        say("run threw " + ended.getClass().getSimpleName() + ": "
                                + ended.getMessage());
                    }
                }
            }
            """;

    @TempDir static Path work;
    private static Path program;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void compileTheProgram() throws IOException {
        program = ChildJvms.compile(work,
                Map.of("module-info.java", MODULE_INFO, "probed/Main.java", MAIN),
                "facet.health");
    }

    @AfterAll
    static void closeTheClient() {
        HTTP.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void startedThenUpThenOnSigtermReadyDownBeforeTheFirstStop(String backend) throws Exception {
        try (var child = child("signal", backend)) {
            int port = starting(child);
            assertThat(status(port, "/health/started")).isEqualTo(503);
            assertThat(status(port, "/health/ready")).isEqualTo(503);

            child.tell("go");
            child.awaitLine("api started");
            assertThat(status(port, "/health/started")).isEqualTo(200);
            assertThat(status(port, "/health/ready")).isEqualTo(200);
            assertThat(get(port, "/health").body()).isEqualTo("{\"status\":\"UP\",\"checks\":["
                    + "{\"name\":\"db\",\"status\":\"UP\"},{\"name\":\"gate\",\"status\":\"UP\"},"
                    + "{\"name\":\"api\",\"status\":\"UP\"}]}");

            child.signal("TERM");
            child.awaitLine("gate draining, the endpoint's drain time passed: true");
            assertThat(status(port, "/health/ready")).isEqualTo(503);
            assertThat(status(port, "/health/live")).isEqualTo(200);
            assertThat(child.lines()).as("no stop() yet").doesNotContain("api stopping");

            child.tell("drained");
            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).endsWith("api stopping", "gate stopping", "db stopping",
                    "run threw JvmShutdownException: api was stopped because the JVM is"
                            + " shutting down");
            assertThat(catchThrowable(() -> status(port, "/health")))
                    .as("the port is released").isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void aCrashTurnsLivenessDownAndItsStopDrainsFirst(String backend) throws Exception {
        try (var child = child("crash", backend)) {
            int port = starting(child);
            child.tell("go");
            child.awaitLine("api started");
            assertThat(status(port, "/health/live")).isEqualTo(200);

            child.tell("crash");
            child.awaitLine("gate draining, the endpoint's drain time passed: true");
            assertThat(status(port, "/health/live")).isEqualTo(503);
            assertThat(status(port, "/health/ready")).isEqualTo(503);
            assertThat(child.lines()).as("no stop() yet").doesNotContain("api stopping");

            child.tell("drained");
            assertThat(child.awaitExit()).isZero();
            assertThat(child.lines()).endsWith("api stopping", "gate stopping", "db stopping",
                    "run threw IOException: crashed on purpose");
            assertThat(catchThrowable(() -> status(port, "/health")))
                    .as("the port is released").isInstanceOf(IOException.class);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int status(int port, String path) throws Exception {
        return get(port, path).statusCode();
    }

    /** The program in a child JVM on one backend. */
    private static ChildProcess child(String mode, String backend) throws IOException {
        return new ChildProcess(work, mode + "-" + backend, List.of("--module-path",
                ChildJvms.pathOf(program, "facet.api", "facet.engine", "facet.executor." + backend,
                        "facet.health"),
                "--module", "probed/probed.Main", mode));
    }

    /** Waits until api's start() waits for {@code go}; the endpoint's port. */
    private static int starting(ChildProcess child) throws Exception {
        child.awaitLine("api starting");
        String line = child.lines().stream().filter(each -> each.startsWith("health on "))
                .findFirst().orElseThrow();
        return Integer.parseInt(line.substring("health on ".length()));
    }
}
