package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * At DEBUG the engine tells each turn of a service's life, for whoever diagnoses an order; at
 * INFO it tells none of them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DebugLogTest extends Graphs {

    @Test
    void atDebugEachStartAndStopIsLogged() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b));
        List<String> messages;
        try (var logs = CapturedLogs.withDebug()) {
            Facet.start(a).close();
            messages = logs.messagesAt(Level.FINE);
        }

        assertThat(messages).contains("starting b", "b started", "starting a", "a started",
                "stopping a", "stopping b", "b stopped", "a stopped");
        assertThat(messages.indexOf("b started")).isLessThan(messages.indexOf("starting a"));
    }

    @Test
    void atDebugAFailedStartIsLoggedWithItsCause() throws Exception {
        var b = service("b").onStart(self -> {
            throw new IOException("no disk");
        });
        var a = service("a").dependsOn(Dependencies.of(b));
        List<String> messages;
        try (var logs = CapturedLogs.withDebug()) {
            assertThat(catchThrowable(a::run)).hasMessage("no disk");
            messages = logs.messagesAt(Level.FINE);
        }

        assertThat(messages).contains("b failed to start: java.io.IOException: no disk",
                "a failed to start: java.io.IOException: no disk");
    }

    @Test
    void atInfoNothingOfThatIsLogged() throws Exception {
        var a = service("a");
        try (var logs = new CapturedLogs()) {
            Facet.start(a).close();
            assertThat(logs.at(Level.FINE)).isEmpty();
        }
    }
}
