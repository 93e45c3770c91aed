package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.engine.spi.Alarm;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A deadline's alarm lives as long as its stop: once the stop is over, every alarm armed for it
 * is cancelled, so no timer (and nothing it holds) outlives the services it was for.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AlarmsTest {

    private final AtomicInteger armed = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();

    private final Engine engine = new Engine(new DelegatingBackend() {
        @Override
        public Alarm schedule(long deadline, Runnable action) {
            armed.incrementAndGet();
            Alarm alarm = delegate.schedule(deadline, action);
            return () -> {
                cancelled.incrementAndGet();
                alarm.cancel();
            };
        }
    });

    @Test
    void everyAlarmArmedForAStopIsCancelledOnceTheStopIsOver() throws Exception {
        // quick joins the root's deadline; brief's shorter timeout nests a deadline of its own
        var quick = new NamedService("quick", Duration.ofHours(1), Dependencies.none());
        var brief = new NamedService("brief", Duration.ofSeconds(5), Dependencies.none());
        var root = new NamedService("root", Duration.ofSeconds(30),
                Dependencies.of(brief).then(quick));

        engine.start(root).close();

        assertThat(armed).as("the root's deadline and brief's").hasValue(2);
        assertThat(cancelled).hasValue(2);
    }
}
