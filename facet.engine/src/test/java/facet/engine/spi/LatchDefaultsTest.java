package facet.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a latch gets without writing it: a wait that an interrupt does not end. */
class LatchDefaultsTest {

    /** A latch whose first {@code interrupts} awaits are interrupted, and the next one opens. */
    private static final class InterruptedTwice implements Latch {
        int interrupts = 2;
        int awaits;

        @Override
        public void open() {}

        @Override
        public void await() throws InterruptedException {
            awaits++;
            if (interrupts-- > 0) {
                throw new InterruptedException("not the end of the wait");
            }
        }

        @Override
        public boolean await(long deadline) {
            throw new AssertionError("a wait without a deadline");
        }
    }

    @Test
    void anInterruptDoesNotEndTheWaitAndIsSetAgainAfterIt() {
        var latch = new InterruptedTwice();

        latch.awaitKeepingInterrupt();

        assertThat(latch.awaits).isEqualTo(3);
        assertThat(Thread.interrupted()).as("the interrupt, kept (and cleared here)").isTrue();
    }

    @Test
    void aWaitNothingInterruptsLeavesNoInterrupt() {
        var latch = new InterruptedTwice();
        latch.interrupts = 0;

        latch.awaitKeepingInterrupt();

        assertThat(latch.awaits).isEqualTo(1);
        assertThat(Thread.interrupted()).isFalse();
    }
}
