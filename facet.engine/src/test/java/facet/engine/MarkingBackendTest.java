package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import facet.engine.spi.Alarm;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backend of an engine that marks its strands is its given backend in every answer, and
 * marks each strand it forks and each alarm it runs as that engine's, only while it runs.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MarkingBackendTest {

    private static final Instant ITS_TIME = Instant.parse("2031-02-03T04:05:06Z");

    /** Answers of its own, to tell them from any default. */
    private static final class Given extends DelegatingBackend {
        final AtomicLong slept = new AtomicLong(-1);
        final Latch latch = delegate.newLatch();

        @Override
        public String name() {
            return "given";
        }

        @Override
        public int priority() {
            return 42;
        }

        @Override
        public long nanoTime() {
            return 7;
        }

        @Override
        public long timestamp() {
            return 8; // not its nanoTime(): a simulation's reads its time without yielding
        }

        @Override
        public Instant instant() {
            return ITS_TIME;
        }

        @Override
        public void sleep(long nanos) {
            slept.set(nanos);
        }

        @Override
        public Latch newLatch() {
            return latch;
        }
    }

    private final Given given = new Given();
    private final Engine engine = new Engine(given);
    private final MarkingBackend marking = new MarkingBackend(given, engine);

    @Test
    void everyAnswerIsTheGivenBackends() throws Exception {
        marking.sleep(99);

        assertThat(marking.name()).isEqualTo("given");
        assertThat(marking.priority()).isEqualTo(42);
        assertThat(marking.nanoTime()).isEqualTo(7);
        assertThat(marking.timestamp()).isEqualTo(8);
        assertThat(marking.instant()).isEqualTo(ITS_TIME);
        assertThat(marking.newLatch()).isSameAs(given.latch);
        assertThat(given.slept).hasValue(99);
    }

    @Test
    void aForkedStrandIsTheEnginesWhileItRuns() throws Exception {
        var seen = new CompletableFuture<@Nullable Engine>();

        Strand strand = marking.fork("marked", () -> seen.complete(Engine.ofThisStrand()));

        assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(engine);
        assertThat(strand).isNotNull();
        assertThat(Engine.ofThisStrand()).isNull(); // this thread: nobody's
    }

    @Test
    void anAlarmRunsAsTheEngines() throws Exception {
        var seen = new CompletableFuture<@Nullable Engine>();

        Alarm alarm = new MarkingBackend(new ThreadPerStrand(), engine)
                .schedule(System.nanoTime(), () -> seen.complete(Engine.ofThisStrand()));

        assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(engine);
        assertThat(alarm).isNotNull();
    }

    @Test
    void aCallOnItsStrandRestoresTheEngineItRanUnder() throws Exception {
        var other = new Engine(new ThreadPerStrand());

        @Nullable Engine inner = engine.callOnItsStrand(
                () -> other.callOnItsStrand(Engine::ofThisStrand));
        @Nullable Engine afterInner = engine.callOnItsStrand(() -> {
            other.callOnItsStrand(() -> null);
            return Engine.ofThisStrand();
        });

        assertThat(inner).isSameAs(other);
        assertThat(afterInner).isSameAs(engine);
        assertThat(Engine.ofThisStrand()).isNull();
    }
}
