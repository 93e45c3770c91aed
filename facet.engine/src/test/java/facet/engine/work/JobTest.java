package facet.engine.work;

import static org.assertj.core.api.Assertions.assertThat;

import facet.engine.ThreadPerStrand;
import facet.engine.spi.Strand;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A job not begun can be dropped, and then never begins; one begun cannot be dropped. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JobTest {

    private final WorkerPool pool = new WorkerPool(new ThreadPerStrand());

    private static final Strand SELF = new Strand() {
        @Override
        public void interrupt() {}

        @Override
        public StackTraceElement[] stackTrace() {
            return new StackTraceElement[0];
        }
    };

    private Job job() {
        return new Job("facet-start-x", Job.Kind.START, pool) {
            @Override
            protected void call() {}

            @Override
            protected void returned(@Nullable Throwable thrown, long order,
                    @Nullable Worker reporter) {}
        };
    }

    @Test
    void aDroppedJobNeverBegins() {
        Job job = job();

        assertThat(job.drop()).isTrue();
        assertThat(job.drop()).as("once").isFalse();
        assertThat(job.begin(SELF)).isEqualTo(Job.Begun.DROPPED);
        assertThat(job.running()).isFalse();
        assertThat(job.takeWithoutStrand()).as("nobody waits for it").isFalse();
    }

    @Test
    void aBegunJobCannotBeDropped() {
        Job job = job();

        assertThat(job.begin(SELF)).isEqualTo(Job.Begun.RUNS);
        assertThat(job.running()).isTrue();
        assertThat(job.drop()).isFalse();
    }

    @Test
    void anInterruptAskedForBeforeTheBeginIsTheWorkersToDeliver() {
        Job job = job();
        job.interrupt();

        assertThat(job.begin(SELF)).isEqualTo(Job.Begun.RUNS_INTERRUPTED);
    }

    @Test
    void aJobTakenWithoutAStrandCannotBeDroppedAfter() {
        Job job = job();

        assertThat(job.takeWithoutStrand()).isTrue();
        assertThat(job.drop()).isFalse();
    }
}
