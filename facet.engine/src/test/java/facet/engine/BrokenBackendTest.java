package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.engine.spi.Alarm;
import facet.engine.spi.Strand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backend that fails the engine: the failure reaches someone, and nothing waits forever for
 * work that could not be handed out.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BrokenBackendTest {

    @Test
    void aBackendThatCannotForkFailsTheStartWithItsFailure() {
        var refused = new RejectedExecutionException("no threads left");
        var engine = new Engine(new DelegatingBackend() {
            @Override
            public Strand fork(String name, Runnable body) {
                throw refused;
            }
        });
        int before = Engine.liveServices();
        int workers = Engine.liveWorkers();
        var dependency = new NamedService("dependency", Duration.ofSeconds(10),
                Dependencies.none());
        var root = new NamedService("root", Duration.ofSeconds(10), Dependencies.of(dependency));

        assertThat(catchThrowable(() -> engine.start(root))).isSameAs(refused);

        assertThat(Engine.running(root)).isFalse();
        // at most: what an earlier test's engine still holds may end meanwhile, nothing begins
        assertThat(Engine.liveServices()).as("services live").isLessThanOrEqualTo(before);
        assertThat(Engine.liveWorkers()).as("workers alive").isLessThanOrEqualTo(workers);
    }

    @Test
    void anEffectThatFailsOnAWorkerReachesItsUncaughtExceptionHandler() throws Exception {
        var refused = new IllegalStateException("no alarms left");
        var reported = new CompletableFuture<Throwable>();
        var alarms = new AtomicInteger();
        var engine = new Engine(new DelegatingBackend() {
            @Override
            public Strand fork(String name, Runnable body) {
                return delegate.fork(name, () -> {
                    Thread.currentThread().setUncaughtExceptionHandler(
                            (thread, failure) -> reported.complete(failure));
                    body.run();
                });
            }

            @Override
            public Alarm schedule(long deadline, Runnable action) {
                if (alarms.incrementAndGet() > 1) { // the root's comes first, on the caller
                    throw refused;
                }
                return delegate.schedule(deadline, action);
            }
        });
        // its shorter timeout makes a deadline of its own, armed on the worker that stopped root
        var brief = new NamedService("brief", Duration.ofSeconds(5), Dependencies.none());
        var root = new NamedService("root", Duration.ofSeconds(30), Dependencies.of(brief));

        engine.start(root).close();

        assertThat(reported.get(10, TimeUnit.SECONDS)).isSameAs(refused);
        assertThat(Engine.running(brief)).as("the stop went on").isFalse();
    }
}
