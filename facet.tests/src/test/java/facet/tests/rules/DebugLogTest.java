package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
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

        assertThat(messages).filteredOn(line -> line.matches("(starting |stopping )?[ab]( .*)?"))
                .as("each line as its hook is called or returns, in the engine's order")
                .containsExactly("starting b", "b started", "starting a", "a started",
                        "stopping a", "a stopped", "stopping b", "b stopped");
    }

    @Test
    void aStopLineOnlyForAStopThatRanAndTheEngineAsTheSource() throws Exception {
        var b = service("b").onStart(self -> {
            throw new IOException("no disk");
        });
        var c = service("c");
        var a = service("a").dependsOn(Dependencies.of(c).then(b));
        List<LogRecord> records;
        try (var logs = CapturedLogs.withDebug()) {
            assertThat(catchThrowable(() -> Facet.start(a))).hasMessage("no disk");
            records = logs.at(Level.FINE);
        }
        List<String> messages = records.stream().map(LogRecord::getMessage)
                .filter(line -> line.matches("(starting |stopping )?[abc]( .*)?")).toList();

        assertThat(messages).containsExactly("starting c", "c started", "starting b",
                "b failed to start: java.io.IOException: no disk",
                "a failed to start: java.io.IOException: no disk", "stopping c", "c stopped");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.getSourceClassName()).startsWith("facet.engine.");
            assertThat(record.getSourceMethodName()).doesNotContain("lambda");
        });
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
