package facet.engine;

import static facet.engine.NamedService.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.engine.event.EngineListener;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An engine logs to the logger it was given, not to the JVM's: lifecycle lines at DEBUG, made
 * only when that level is on, and the failures nobody throws at ERROR.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineLogTest {

    /** Keeps every call, and says whether DEBUG is on as it was told. */
    private static final class Kept implements System.Logger {
        final boolean debug;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Kept(boolean debug) {
            this.debug = debug;
        }

        @Override
        public String getName() {
            return "kept";
        }

        @Override
        public boolean isLoggable(Level level) {
            return debug || level.getSeverity() > Level.DEBUG.getSeverity();
        }

        @Override
        public void log(Level level, Supplier<String> line) { // asked even when off: kept
            lines.add(level + " " + line.get());
        }

        @Override
        public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message,
                @Nullable Throwable thrown) {
            lines.add(level + " " + message + (thrown == null ? "" : ": " + thrown));
        }

        @Override
        public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format,
                @Nullable Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void lifecycleLinesGoToTheGivenLoggerWhenItsDebugIsOn() throws Exception {
        var log = new Kept(true);
        var engine = new Engine(new ThreadPerStrand(), EngineListener.NONE, log);

        engine.start(named("db")).close();

        assertThat(log.lines).containsExactly("DEBUG starting db", "DEBUG db started",
                "DEBUG stopping db", "DEBUG db stopped");
    }

    @Test
    void noLifecycleLineIsMadeWhileDebugIsOff() throws Exception {
        var log = new Kept(false);
        var engine = new Engine(new ThreadPerStrand(), EngineListener.NONE, log);

        engine.start(named("db")).close();

        assertThat(log.lines).isEmpty();
    }

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void aCrashIsLoggedAtErrorToTheGivenLogger() throws Exception {
        var log = new Kept(false);
        var engine = new Engine(new ThreadPerStrand(), EngineListener.NONE, log);
        var crash = new IllegalStateException("disk full");
        var crashing = named("crashing");

        try (var running = engine.start(crashing)) {
            var unused = Engine.addTask(crashing, () -> {
                throw crash;
            });
            assertThat(catchThrowable(running::await)).isSameAs(crash);
        } catch (IllegalStateException closedWithTheCrash) {
            assertThat(closedWithTheCrash).isSameAs(crash);
        }

        assertThat(log.lines).singleElement().asString()
                .startsWith("ERROR crashing")
                .endsWith("java.lang.IllegalStateException: disk full");
    }
}
