package facet.tests.rules;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.FailureContext;
import facet.api.Service;
import facet.testkit.Action;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failures that say where: the caller still gets the very instance a hook or task threw (R4, R5),
 * and under it, suppressed, a {@link FailureContext} names the service, the hook and its path from
 * the root.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FailureContextTest extends Graphs {

    @Test
    void aStartThatThrowsIsNamedWithItsPathFromTheRoot() {
        var refused = new IOException("connection refused");
        var database = service("Database").onStart(Action.fail(refused));
        var cache = service("cache").dependsOn(Dependencies.of(database));
        var api = service("api").dependsOn(Dependencies.of(cache));

        Throwable thrown = catchThrowable(() -> Facet.start(api));

        assertThat(thrown).isSameAs(refused);
        FailureContext context = requireNonNull(FailureContext.of(thrown));
        assertThat(context.service()).isSameAs(database);
        assertThat(context.hook()).isEqualTo("start");
        assertThat(context.path()).containsExactly("api", "cache", "Database");
        assertThat(context).hasMessage("start() of Database failed: api -> cache -> Database");
        assertThat(context.getStackTrace()).as("no stack trace of its own").isEmpty();
        assertThat(thrown.getSuppressed()).containsExactly(context);
    }

    @Test
    void aStopThatThrowsIsNamedThroughTheDependentThatReleasedIt() {
        var broken = new IOException("disk full");
        var db = service("db").onStop(Action.fail(broken));
        var cache = service("cache").dependsOn(Dependencies.of(db));
        var api = service("api").dependsOn(Dependencies.of(cache));

        Throwable thrown = catchThrowable(() -> Facet.start(api).close());

        assertThat(thrown).isSameAs(broken);
        FailureContext context = requireNonNull(FailureContext.of(thrown));
        assertThat(context.service()).isSameAs(db);
        assertThat(context.hook()).isEqualTo("stop");
        assertThat(context.path()).containsExactly("api", "cache", "db");
        assertThat(context).hasMessage("stop() of db failed: api -> cache -> db");
    }

    @Test
    void aTaskThatCrashesItsStackIsNamedToo() throws Exception {
        var crash = new IOException("connection reset");
        var poller = service("poller");
        var api = service("api").dependsOn(Dependencies.of(poller));

        var running = Facet.start(api);
        poller.addScriptedTask(Action.fail(crash));
        Throwable thrown = catchThrowable(running::await);
        var unused = catchThrowable(running::close);

        assertThat(thrown).isSameAs(crash);
        FailureContext context = requireNonNull(FailureContext.of(thrown));
        assertThat(context.hook()).isEqualTo("task");
        assertThat(context.path()).containsExactly("api", "poller");
        assertThat(context).hasMessage("a task of poller failed: api -> poller");
    }

    @Test
    void aFailureThatRefusesSuppressionHasItsContextLogged() throws Exception {
        var refusing = new StartFailureTest.RefusesSuppression("bad cannot start");
        var r = service("r").dependsOn(Dependencies.of(service("bad")
                .onStart(Action.fail(refusing))));
        try (var logs = new CapturedLogs()) {
            assertThat(catchThrowable(() -> Facet.start(r))).isSameAs(refusing);

            assertThat(FailureContext.of(refusing)).isNull();
            assertThat(logs.awaitThrown(refusing))
                    .extracting(LogRecord::getLevel, LogRecord::getMessage)
                    .containsExactly(Level.WARNING, "start() of bad failed: r -> bad ("
                            + StartFailureTest.RefusesSuppression.class.getName()
                            + " refuses suppression, so this is logged here)");
        }
    }

    @Test
    void aTaskEndedByItsCancelIsNoFailureAndGetsNoContext() throws Exception {
        var interrupted = new java.util.concurrent.CompletableFuture<Throwable>();
        var worker = new Service() {
            @Override
            public void start() {
                addTask(() -> {
                    try {
                        Facet.sleep(Duration.ofHours(1));
                    } catch (InterruptedException cancelled) {
                        interrupted.complete(cancelled);
                        throw cancelled;
                    }
                    return null;
                });
            }

            @Override
            public String toString() {
                return "worker";
            }
        };

        Facet.start(worker).close();

        assertThat(FailureContext.of(interrupted.get(10, TimeUnit.SECONDS))).isNull();
    }

    @Test
    void aContextIsOfAStartAStopOrATaskWithAPath() {
        var service = service("s");

        assertThat(catchThrowable(() -> new FailureContext(service, "run", List.of("s"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a hook is start, stop or task, not run");
        assertThat(catchThrowable(() -> new FailureContext(service, "start", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a path names at least the service");
    }
}
