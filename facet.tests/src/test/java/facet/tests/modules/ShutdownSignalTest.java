package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R8 in a real process: on SIGTERM or SIGINT every root still held stops, newest first, each
 * within its timeout; a second Ctrl-C during a stuck stop ends the process at once; a stop that
 * ignores interrupts cannot keep the JVM alive past its timeout. Each runs on both real backends:
 * the child's module path holds the one backend named, as a deployed application's would.
 */
@Tag("process")
@EnabledOnOs(value = OS.LINUX, disabledReason = "signals by kill, GNU env --default-signal")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShutdownSignalTest {

    private static final String MODULE_INFO = """
            module shutdown {
                requires facet.api;
            }
            """;

    /** Holds roots and waits to be signalled; says what each hook does. */
    private static final String MAIN = """
            package shutdown;

            import facet.api.Facet;
            import facet.api.LifecycleEvent;
            import facet.api.Service;
            import java.time.Duration;
            import java.util.concurrent.CountDownLatch;

            public final class Main {
                /** Whether the last start hook ran on a virtual thread: shows the backend. */
                static volatile boolean virtualHooks;

                static void say(String line) {
                    System.out.println(line);
                    System.out.flush();
                }

                static final class Printing implements Service {
                    final String name;
                    final boolean stuck;
                    final Duration timeout;

                    Printing(String name, boolean stuck, Duration timeout) {
                        this.name = name;
                        this.stuck = stuck;
                        this.timeout = timeout;
                    }

                    @Override public void start() {
                        virtualHooks = Thread.currentThread().isVirtual();
                        say(name + " started");
                    }

                    @Override public void stop() {
                        say(name + " stopping");
                        while (stuck) {
                            try {
                                new CountDownLatch(1).await();
                            } catch (InterruptedException ignored) {
                                say(name + " ignored an interrupt");
                            }
                        }
                        say(name + " stopped");
                    }

                    @Override public Duration gracefulShutdownTimeout() { return timeout; }

                    @Override public String toString() { return name; }
                }

                /** A service whose start() never returns, whatever interrupts it. */
                static final class Hanging implements Service {
                    @Override public void start() {
                        say("hanging started");
                        while (true) {
                            try {
                                new CountDownLatch(1).await();
                            } catch (InterruptedException ignored) {
                                say("hanging ignored an interrupt");
                            }
                        }
                    }

                    @Override public Duration gracefulShutdownTimeout() {
                        return Duration.ofMillis(300);
                    }

                    @Override public String toString() { return "hanging"; }
                }

                /** Runs {@code root} as a main would, and says how run() ended. */
                static void run(Service root) {
                    var heard = Facet.addListener(event -> {
                        if (event instanceof LifecycleEvent.StopAbandoned abandoned) {
                            say("heard: stop of " + abandoned.name() + " abandoned");
                        }
                    });
                    try {
                        root.run();
                        say("run returned");
                    } catch (Exception ended) {
                        say("run threw " + ended.getClass().getSimpleName() + ": "
                                + ended.getMessage());
                        for (Throwable failed : ended.getSuppressed()) {
                            say("suppressed " + failed.getClass().getSimpleName());
                        }
                    } finally {
                        heard.close();
                    }
                }

                public static void main(String[] args) throws Exception {
                    var minutes = Duration.ofMinutes(5);
                    switch (args[0]) {
                        case "roots" -> {
                            Facet.start(new Printing("first", false, minutes));
                            Facet.start(new Printing("second", false, minutes));
                        }
                        case "roots-hook-off" -> {
                            Facet.shutdownHook(false);
                            Facet.start(new Printing("first", false, minutes));
                        }
                        case "stuck" -> Facet.start(new Printing("stuck", true, minutes));
                        case "stuck-briefly" ->
                                Facet.start(new Printing("stuck", true, Duration.ofMillis(300)));
                        case "run" -> {
                            run(new Printing("app", false, minutes));
                            return;
                        }
                        case "run-stuck-briefly" -> {
                            run(new Printing("stuck", true, Duration.ofMillis(300)));
                            return;
                        }
                        case "run-hanging-start" -> {
                            run(new Hanging());
                            return;
                        }
                        default -> throw new IllegalArgumentException(args[0]);
                    }
                    String threads = virtualHooks ? "virtual" : "platform";
                    say("running, hooks on " + threads + " threads");
                    new CountDownLatch(1).await();
                }
            }
            """;

    @TempDir static Path work;

    /** The line the program prints once its roots are up, on the given backend. */
    private static String running(String backend) {
        return "running, hooks on " + (backend.equals("virtual") ? "virtual" : "platform")
                + " threads";
    }

    private static Path program;

    @BeforeAll
    static void compileTheProgram() throws IOException {
        program = ChildJvms.compile(work,
                Map.of("module-info.java", MODULE_INFO, "shutdown/Main.java", MAIN));
    }

    /** A child JVM running the program in one mode on one backend, with JVM {@code options}. */
    private static ChildProcess child(String mode, String backend, String... options)
            throws IOException {
        var arguments = new ArrayList<>(List.of(options));
        arguments.addAll(List.of("--module-path", ChildJvms.pathOf(program,
                "facet.api", "facet.engine", "facet.executor." + backend),
                "--module", "shutdown/shutdown.Main", mode));
        return new ChildProcess(work, mode + "-" + backend, arguments);
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void onSigtermTheHeldRootsStopNewestFirst(String backend) throws Exception {
        try (var child = child("roots", backend)) {
            child.awaitLine(running(backend));

            child.signal("TERM");

            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).containsExactly("first started", "second started",
                    running(backend), "second stopping", "second stopped", "first stopping",
                    "first stopped");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void onSigintTheHeldRootsStopNewestFirst(String backend) throws Exception {
        try (var child = child("roots", backend)) {
            child.awaitLine(running(backend));

            child.signal("INT");

            assertThat(child.awaitExit()).isEqualTo(130);
            assertThat(child.lines()).endsWith("second stopped", "first stopping",
                    "first stopped");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void aSecondCtrlCDuringAStuckStopEndsTheProcessAtOnce(String backend) throws Exception {
        try (var child = child("stuck", backend)) {
            child.awaitLine(running(backend));
            child.signal("INT");
            child.awaitLine("stuck stopping"); // and stuck there, for minutes

            child.signal("INT");

            assertThat(child.awaitExit()).isEqualTo(130);
            assertThat(child.lines()).doesNotContain("stuck stopped");
            assertThat(child.err()).contains("second interrupt");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void aStopIgnoringInterruptsCannotKeepTheJvmAlivePastItsTimeout(String backend)
            throws Exception {
        try (var child = child("stuck-briefly", backend)) {
            child.awaitLine(running(backend));

            child.signal("TERM");

            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).contains("stuck stopping", "stuck ignored an interrupt")
                    .doesNotContain("stuck stopped");
            assertThat(child.err()).contains("ShutdownTimeoutException")
                    .contains("stuck did not stop within 300ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void runEndsWithAJvmShutdownExceptionNotAsIfTheApplicationEnded(String backend)
            throws Exception {
        try (var child = child("run", backend)) {
            child.awaitLine("app started");

            child.signal("TERM");

            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).containsExactly("app started", "app stopping",
                    "app stopped",
                    "run threw JvmShutdownException: app was stopped because the JVM is"
                            + " shutting down");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void aStopPastItsDeadlineOnASignalIsReportedEverywhere(String backend) throws Exception {
        try (var child = child("run-stuck-briefly", backend)) {
            child.awaitLine("stuck started");

            child.signal("TERM");

            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).as("to the listener, and to the code after run()")
                    .contains("heard: stop of stuck abandoned",
                            "run threw JvmShutdownException: stuck was stopped because the JVM"
                                    + " is shutting down; 1 stop of it failed (suppressed)",
                            "suppressed ShutdownTimeoutException")
                    .doesNotContain("run returned");
            assertThat(child.err()).as("on standard error")
                    .contains("facet: stopping Running[stuck] on JVM shutdown failed:")
                    .contains("stuck did not stop within 300ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void aStartHangingOnASignalCannotKeepMainOrTheJvmPastItsTimeout(String backend)
            throws Exception {
        try (var child = child("run-hanging-start", backend)) {
            child.awaitLine("hanging started");

            child.signal("TERM");

            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).contains("hanging ignored an interrupt")
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("run threw JvmShutdownException: start of hanging"
                                    + " abandoned: the JVM is shutting down"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void withTheHookTurnedOffBySystemPropertyNothingOfFacetsRunsOnASignal(String backend)
            throws Exception {
        try (var child = child("roots", backend, "-Dfacet.shutdownHook=false")) {
            child.awaitLine(running(backend));

            child.signal("TERM");

            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).containsExactly("first started", "second started",
                    running(backend));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "threads"})
    void withTheHookTurnedOffByTheApiNothingOfFacetsRunsOnASignal(String backend)
            throws Exception {
        try (var child = child("roots-hook-off", backend)) {
            child.awaitLine(running(backend));

            child.signal("TERM");

            assertThat(child.awaitExit()).isEqualTo(143);
            assertThat(child.lines()).containsExactly("first started", running(backend));
        }
    }
}
