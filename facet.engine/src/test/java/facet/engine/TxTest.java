package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A transition's effects: every one runs, whatever the others do, and no failure is lost. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TxTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void everyEffectRunsTheRunsStillGoAndTheFirstFailureIsThrownWithTheRestUnderIt()
            throws Exception {
        var tx = new Tx(0, false, Long.MAX_VALUE);
        var first = new IllegalStateException("first");
        var second = new IllegalArgumentException("second");
        var runRan = new CountDownLatch(1);
        var engine = new Engine(new ThreadPerStrand());
        tx.after(() -> {
            ran.add("a");
            throw first;
        });
        tx.after(() -> {
            ran.add("b");
            throw second;
        });
        tx.after(() -> ran.add("c"));
        tx.fork(new Run("facet-test", Run.Kind.ENGINE, null, engine.workers(),
                runRan::countDown, (thrown, next) -> { }));

        assertThat(catchThrowable(() -> tx.runEffects(null))).isSameAs(first);

        assertThat(first.getSuppressed()).containsExactly(second);
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(runRan.await(10, TimeUnit.SECONDS)).as("the run was handed out").isTrue();
    }

    @Test
    void anErrorFromAnEffectIsThrownAsItIs() {
        var tx = new Tx(0, false, Long.MAX_VALUE);
        var error = new OutOfMemoryError("effect");
        tx.after(() -> {
            throw error;
        });

        assertThat(catchThrowable(() -> tx.runEffects(null))).isSameAs(error);
    }

    @Test
    void aTransitionMadeWithoutTheClockRefusesToReadIt() {
        var untimed = new Tx(Tx.UNTIMED, false, Long.MAX_VALUE);

        assertThatThrownBy(untimed::now).isInstanceOf(IllegalStateException.class);
        assertThat(new Tx(42, false, Long.MAX_VALUE).now()).isEqualTo(42);
    }
}
