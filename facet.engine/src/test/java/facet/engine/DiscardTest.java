package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Service;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a simulation cut short relies on: {@link Engine#discard()} forgets the services and holds
 * of its own engine, and nothing of another.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DiscardTest {

    private static final class Counted implements Service {
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public void stop() {
            stops.incrementAndGet();
        }
    }

    @Test
    void discardForgetsItsOwnEnginesServicesAndHoldsOnly() throws Exception {
        var discarded = new Engine(new ThreadPerStrand());
        var kept = new Engine(new ThreadPerStrand());
        var forgotten = new Counted();
        var other = new Counted();
        int before = Engine.liveServices();
        discarded.start(forgotten);
        var running = kept.start(other);
        try {
            assertThat(Engine.liveServices()).isEqualTo(before + 2);

            discarded.discard();

            assertThat(Engine.liveServices()).isEqualTo(before + 1);
            assertThat(Engine.running(forgotten)).isFalse();
            assertThat(Engine.running(other)).isTrue();
            discarded.shutdown(); // it holds nothing any more: stops nothing
            assertThat(forgotten.stops).hasValue(0);
        } finally {
            running.close();
        }
        assertThat(other.stops).hasValue(1);
        assertThat(Engine.liveServices()).isEqualTo(before);
    }
}
