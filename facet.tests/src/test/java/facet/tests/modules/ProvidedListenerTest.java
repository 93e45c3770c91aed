package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code LifecycleListener} provided as a service is added when facet is first used, and hears
 * everything from the first start: declared with {@code provides} in a module on the module path,
 * or in a {@code META-INF/services} file on the class path.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProvidedListenerTest {

    private static final String MODULE_INFO = """
            module listening {
                requires facet.api;
                provides facet.api.LifecycleListener with listening.Printer;
            }
            """;

    private static final String PRINTER = """
            package listening;

            import facet.api.LifecycleEvent;
            import facet.api.LifecycleListener;

            public final class Printer implements LifecycleListener {
                @Override
                public void onEvent(LifecycleEvent event) {
                    System.out.println(event.getClass().getSimpleName() + " " + event.name());
                }
            }
            """;

    private static final String[] HEARD = {"Starting db", "Started db", "Starting api",
        "Started api", "Stopping api", "Stopped api", "Stopping db", "Stopped db"};

    @TempDir static Path work;

    private static Path classes;

    @BeforeAll
    static void compileTheApplication() throws IOException {
        classes = ChildJvms.compile(work, Map.of("module-info.java", MODULE_INFO,
                "listening/Printer.java", PRINTER,
                "listening/Main.java", ChildJvms.apiOnDbMain("listening")));
        Path services = classes.resolve("META-INF/services/facet.api.LifecycleListener");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "listening.Printer\n");
    }

    @Test
    void providedInAModuleItHearsTheFirstStart() throws Exception {
        var outcome = ChildJvms.run(work, ChildJvms.java("--module-path",
                ChildJvms.pathOf(classes, "facet.api", "jspecify", "facet.engine",
                        "facet.executor.virtual"),
                "--module", "listening/listening.Main"));

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out().lines()).containsExactly(HEARD);
        assertThat(outcome.status()).isZero();
    }

    @Test
    void providedOnTheClassPathItHearsTheFirstStart() throws Exception {
        var outcome = ChildJvms.run(work, ChildJvms.java("--class-path",
                ChildJvms.pathOf(classes, "facet.api", "jspecify", "facet.engine",
                        "facet.executor.threads"),
                "listening.Main"));

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out().lines()).containsExactly(HEARD);
        assertThat(outcome.status()).isZero();
    }
}
