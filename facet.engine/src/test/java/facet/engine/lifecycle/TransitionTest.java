package facet.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.engine.ThreadPerStrand;
import facet.engine.work.Job;
import facet.engine.work.Worker;
import facet.engine.work.WorkerPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A transition's effects: every one runs, whatever the others do, and no failure is lost. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransitionTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void everyEffectRunsTheJobsStillGoAndTheFirstFailureIsThrownWithTheRestUnderIt()
            throws Exception {
        var transition = transition(0);
        var first = new IllegalStateException("first");
        var second = new IllegalArgumentException("second");
        var jobRan = new CountDownLatch(1);
        var pool = new WorkerPool(new ThreadPerStrand());
        transition.after(() -> {
            ran.add("a");
            throw first;
        });
        transition.after(() -> {
            ran.add("b");
            throw second;
        });
        transition.after(() -> ran.add("c"));
        transition.fork(new Job("facet-test", Job.Kind.ENGINE, pool) {
            @Override
            protected void call() {
                jobRan.countDown();
            }

            @Override
            protected void returned(@Nullable Throwable thrown, long order,
                    @Nullable Worker reporter) {}
        });

        assertThat(catchThrowable(transition::runEffects)).isSameAs(first);

        assertThat(first.getSuppressed()).containsExactly(second);
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(jobRan.await(10, TimeUnit.SECONDS)).as("the job was handed out").isTrue();
    }

    @Test
    void anErrorFromAnEffectIsThrownAsItIs() {
        var transition = transition(0);
        var error = new OutOfMemoryError("effect");
        transition.after(() -> {
            throw error;
        });

        assertThat(catchThrowable(transition::runEffects)).isSameAs(error);
    }

    @Test
    void aTransitionMadeWithoutTheClockRefusesToReadIt() {
        var untimed = transition(Transition.UNTIMED);

        assertThatThrownBy(untimed::now).isInstanceOf(IllegalStateException.class);
        assertThat(transition(42).now()).isEqualTo(42);
    }

    private static Transition transition(long now) {
        return new Transition(now, false, Long.MAX_VALUE, EngineEvents.SILENT, null);
    }
}
