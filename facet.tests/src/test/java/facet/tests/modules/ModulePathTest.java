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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's module that {@code requires facet.api} and nothing else, compiled here against the
 * facet.api jar, then run in child JVMs: the engine and the backend come in as jars, found by
 * ServiceLoader; swapping the backend jar swaps the kind of thread hooks and tasks run on.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModulePathTest {

    private static final String MODULE_INFO = """
            module consumer {
                requires facet.api;
            }
            """;

    private static final String MAIN = """
            package consumer;

            import facet.api.Facet;
            import facet.api.Service;

            public final class Main {
                static String describe(Thread thread) {
                    return thread.getName() + " virtual=" + thread.isVirtual()
                            + " daemon=" + thread.isDaemon();
                }

                static final class Worker implements Service {
                    volatile String start = "";
                    volatile String task = "";

                    @Override
                    public void start() throws Exception {
                        start = describe(Thread.currentThread());
                        addTask(() -> task = describe(Thread.currentThread())).get();
                    }
                }

                public static void main(String[] args) throws Exception {
                    var worker = new Worker();
                    try (var running = Facet.start(worker)) {
                        System.out.println("start: " + worker.start);
                        System.out.println("task: " + worker.task);
                    }
                    System.out.println("stopped: " + !worker.running());
                }
            }
            """;

    @TempDir static Path work;

    private static Path consumer;

    @BeforeAll
    static void compileTheConsumer() throws IOException {
        consumer = ChildJvms.compile(work,
                Map.of("module-info.java", MODULE_INFO, "consumer/Main.java", MAIN));
    }

    private static String modulePath(String... artifacts) {
        return ChildJvms.pathOf(consumer, artifacts);
    }

    private static ChildJvms.Outcome java(String... arguments) throws Exception {
        return ChildJvms.run(work, ChildJvms.java(arguments));
    }

    private static ChildJvms.Outcome onModulePath(String modulePath, String... options)
            throws Exception {
        var arguments = new ArrayList<>(List.of(options));
        arguments.addAll(List.of("--module-path", modulePath, "--module", "consumer/consumer.Main"));
        return java(arguments.toArray(String[]::new));
    }

    @Test
    void withTheVirtualJarHooksAndTasksRunOnVirtualThreads() throws Exception {
        var outcome = onModulePath(modulePath("facet.api", "facet.engine",
                "facet.executor.virtual"));

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out().lines()).containsExactly(
                "start: facet-start-Worker virtual=true daemon=true",
                "task: facet-task-Worker virtual=true daemon=true",
                "stopped: true");
        assertThat(outcome.status()).isZero();
    }

    @Test
    void withTheThreadsJarHooksAndTasksRunOnPlatformDaemonThreads() throws Exception {
        var outcome = onModulePath(modulePath("facet.api", "facet.engine",
                "facet.executor.threads"));

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out().lines()).containsExactly(
                "start: facet-start-Worker virtual=false daemon=true",
                "task: facet-task-Worker virtual=false daemon=true",
                "stopped: true");
        assertThat(outcome.status()).isZero();
    }

    @Test
    void withBothJarsVirtualThreadsWinUnlessThePropertySaysThreads() throws Exception {
        String both = modulePath("facet.api", "facet.engine", "facet.executor.threads",
                "facet.executor.virtual");

        assertThat(onModulePath(both).out()).contains("task: facet-task-Worker virtual=true");
        assertThat(onModulePath(both, "-Dfacet.backend=threads").out())
                .contains("task: facet-task-Worker virtual=false");
    }

    @Test
    void withNoBackendJarTheFirstCallNamesTheJarsToAdd() throws Exception {
        var outcome = onModulePath(modulePath("facet.api", "facet.engine"));

        assertThat(outcome.status()).isNotZero();
        assertThat(outcome.err()).contains("IllegalStateException")
                .contains("dev.facet:facet.executor.virtual")
                .contains("dev.facet:facet.executor.threads");
    }

    @Test
    void withTheApiAloneTheFirstCallSaysNoEngineIsThere() throws Exception {
        var outcome = onModulePath(modulePath("facet.api"));

        assertThat(outcome.status()).isNotZero();
        assertThat(outcome.err()).contains("No facet engine found")
                .contains("dev.facet:facet.executor.virtual");
    }

    @Test
    void onTheClassPathTheServiceFilesFindTheEngineAndTheBackend() throws Exception {
        var outcome = java("-cp", modulePath("facet.api", "facet.engine",
                "facet.executor.threads"), "consumer.Main");

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out().lines()).containsExactly(
                "start: facet-start-Worker virtual=false daemon=true",
                "task: facet-task-Worker virtual=false daemon=true",
                "stopped: true");
    }
}
