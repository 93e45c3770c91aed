package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import facet.engine.spi.Strand;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run not begun can be dropped, and then never begins; one begun cannot be dropped. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RunTest {

    private final Engine engine = new Engine(new ThreadPerStrand());

    private static final Strand SELF = new Strand() {
        @Override
        public void interrupt() {}

        @Override
        public StackTraceElement[] stackTrace() {
            return new StackTraceElement[0];
        }
    };

    private Run run() {
        return new Run("facet-start-x", Run.Kind.START, null, engine.workers(), () -> { },
                (thrown, tx) -> { });
    }

    @Test
    void aDroppedRunNeverBegins() {
        Run run = run();

        assertThat(run.drop()).isTrue();
        assertThat(run.drop()).as("once").isFalse();
        assertThat(run.begin(SELF)).isEqualTo(Run.Begun.DROPPED);
        assertThat(run.running()).isFalse();
        assertThat(run.takeWithoutStrand()).as("nobody waits for it").isFalse();
    }

    @Test
    void aBegunRunCannotBeDropped() {
        Run run = run();

        assertThat(run.begin(SELF)).isEqualTo(Run.Begun.RUNS);
        assertThat(run.running()).isTrue();
        assertThat(run.drop()).isFalse();
    }

    @Test
    void anInterruptAskedForBeforeTheBeginIsTheWorkersToDeliver() {
        Run run = run();
        run.interrupt();

        assertThat(run.begin(SELF)).isEqualTo(Run.Begun.RUNS_INTERRUPTED);
    }

    @Test
    void aRunTakenWithoutAStrandCannotBeDroppedAfter() {
        Run run = run();

        assertThat(run.takeWithoutStrand()).isTrue();
        assertThat(run.drop()).isFalse();
    }
}
