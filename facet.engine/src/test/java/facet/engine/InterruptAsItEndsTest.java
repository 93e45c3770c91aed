package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.FailureContext;
import facet.api.Service;
import facet.engine.spi.Latch;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R12 when the interrupt and the end meet: a caller interrupted just as what it waits for is
 * over still learns everything about it. The backend's latches make the meeting certain: a wait
 * ends only once the latch is open, and then throws if the thread was interrupted meanwhile.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InterruptAsItEndsTest {

    /** Whether a suppressed exception is a failure, not the context the engine attaches. */
    private static boolean isFailure(Throwable suppressed) {
        return !(suppressed instanceof FailureContext);
    }

    private final Engine engine = new Engine(new DelegatingBackend() {
        @Override
        public Latch newLatch() {
            return new DelegatingLatch(delegate.newLatch()) {
                @Override
                public void await() throws InterruptedException {
                    boolean interrupted = false;
                    while (true) {
                        try {
                            delegate.await();
                            break;
                        } catch (InterruptedException meanwhile) {
                            interrupted = true;
                        }
                    }
                    if (interrupted || Thread.interrupted()) {
                        throw new InterruptedException("interrupted as the latch opened");
                    }
                }
            };
        }
    });

    private final AtomicInteger stops = new AtomicInteger();

    @AfterEach
    void stopWhatIsLeft() {
        engine.shutdown();
        boolean unused = Thread.interrupted();
    }

    @Test
    void aCloseInterruptedAsTheStopEndsThrowsTheInterruptWithTheStopFailureUnderIt()
            throws Exception {
        var failure = new IOException("stop failed");
        Thread closer = Thread.currentThread();
        Service service = new Service() {
            @Override
            public void stop() throws IOException {
                closer.interrupt();
                throw failure;
            }
        };
        var running = engine.start(service);

        Throwable thrown = catchThrowable(running::close);

        assertThat(thrown).isInstanceOf(InterruptedException.class);
        assertThat(thrown.getSuppressed()).filteredOn(InterruptAsItEndsTest::isFailure)
                .containsExactly(failure);
        assertThat(Thread.interrupted()).as("the interrupt status is kept").isTrue();
    }

    @Test
    void aStartInterruptedAsItSucceedsStopsTheTreeAndKeepsItsStopFailure() throws Exception {
        var failure = new IOException("stop failed");
        Thread starter = Thread.currentThread();
        Service service = new Service() {
            @Override
            public void start() {
                starter.interrupt();
            }

            @Override
            public void stop() throws IOException {
                stops.incrementAndGet();
                throw failure;
            }
        };

        Throwable thrown = catchThrowable(() -> engine.start(service));

        assertThat(thrown).isInstanceOf(InterruptedException.class);
        assertThat(thrown.getSuppressed()).filteredOn(InterruptAsItEndsTest::isFailure)
                .containsExactly(failure);
        assertThat(Thread.interrupted()).as("the interrupt status is kept").isTrue();
        assertThat(stops).as("what the start started is stopped").hasValue(1);
        assertThat(Engine.running(service)).isFalse();
    }
}
