package facet.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** How failures are handed on: the same instance where the signature allows, never lost. */
class FailuresTest {

    /** Neither an Exception nor an Error: Java allows it, so a hook may throw it. */
    private static final class Neither extends Throwable {
        private static final long serialVersionUID = 1L;

        Neither() {
            super("neither");
        }
    }

    @Test
    void checkedHandsOnAnyExceptionAsItIsAndThrowsAnError() {
        var checked = new IOException("checked");
        var unchecked = new IllegalStateException("unchecked");
        var error = new OutOfMemoryError("error");

        assertThat(Failures.checked(checked)).isSameAs(checked);
        assertThat(Failures.checked(unchecked)).isSameAs(unchecked);
        assertThat(catchThrowable(() -> Failures.checked(error))).isSameAs(error);
        var neither = new Neither();
        assertThat(Failures.checked(neither)).isInstanceOf(IllegalStateException.class)
                .hasCause(neither);
    }

    @Test
    void uncheckedHandsOnARuntimeExceptionAsItIsThrowsAnErrorAndWrapsTheRest() {
        var unchecked = new IllegalArgumentException("unchecked");
        var error = new StackOverflowError("error");
        var checked = new IOException("checked");

        assertThat(Failures.unchecked(unchecked)).isSameAs(unchecked);
        assertThat(catchThrowable(() -> Failures.unchecked(error))).isSameAs(error);
        assertThat(Failures.unchecked(checked)).isInstanceOf(IllegalStateException.class)
                .hasCause(checked);
    }

    @Test
    void suppressAddsEachOtherFailureOnceAndNeverTheFailureItself() {
        var primary = new IOException("primary");
        var other = new IOException("other");

        Failures.suppress(primary, other);
        Failures.suppress(primary, other);
        Failures.suppress(primary, primary);

        assertThat(primary.getSuppressed()).containsExactly(other);
    }

    @Test
    void anInterruptionIsWhatSaysTheWorkWasInterruptedAndNothingElse() {
        assertThat(Failures.isInterruption(new InterruptedException())).isTrue();
        assertThat(Failures.isInterruption(new InterruptedIOException())).isTrue();
        assertThat(Failures.isInterruption(new ClosedByInterruptException())).isTrue();
        assertThat(Failures.isInterruption(new CancellationException())).isTrue();
        assertThat(Failures.isInterruption(new IOException("interrupted"))).isFalse();
        assertThat(Failures.isInterruption(new IllegalStateException())).isFalse();
    }

    @Test
    void suppressSaysWhetherTheOtherFailureCanBeFoundUnderThePrimary() {
        var primary = new IOException("primary");
        var refusing = new Exception("refuses suppression", null, false, false) { };
        var other = new IOException("other");

        assertThat(Failures.suppress(primary, other)).isTrue();
        assertThat(Failures.suppress(primary, other)).as("already there").isTrue();
        assertThat(Failures.suppress(primary, primary)).as("itself").isTrue();
        assertThat(Failures.suppress(refusing, other)).isFalse();
        assertThat(refusing.getSuppressed()).isEmpty();
    }
}
