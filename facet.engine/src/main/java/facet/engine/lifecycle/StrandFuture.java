package facet.engine.lifecycle;

import facet.engine.spi.Latch;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A future of an engine that marks its strands, as {@code onExit()} and {@code startAsync()}
 * return it: a strand of that engine waits for it through the backend, so that in a simulation
 * the wait is a scheduling point rather than a thread blocked where the scheduler cannot see
 * it. Any other thread waits as for any {@link CompletableFuture}; the futures that depend on it
 * are of this kind too.
 *
 * @param <T> the type of the value
 */
final class StrandFuture<T extends @Nullable Object> extends CompletableFuture<T> {

    private final Orchestrator owner;

    StrandFuture(Orchestrator owner) {
        this.owner = owner;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new StrandFuture<>(owner);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (waitsThroughBackend()) {
            latchOnDone().await();
        }
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (waitsThroughBackend()) {
            long deadline = Deadline.saturatedAdd(owner.backend.nanoTime(),
                    Math.max(0, unit.toNanos(timeout)));
            if (!latchOnDone().await(deadline)) {
                throw new TimeoutException("not done within " + timeout + " "
                        + unit.name().toLowerCase(Locale.ROOT));
            }
        }
        return super.get(timeout, unit);
    }

    /** As {@link CompletableFuture#join()}: an interrupt does not end the wait, and is kept. */
    @Override
    public T join() {
        if (waitsThroughBackend()) {
            latchOnDone().awaitKeepingInterrupt();
        }
        return super.join();
    }

    private boolean waitsThroughBackend() {
        return !isDone() && owner.onItsStrand();
    }

    /** A latch that opens once this future is done. */
    private Latch latchOnDone() {
        Latch done = owner.backend.newLatch();
        var unused = whenComplete((value, failure) -> done.open()); // the latch is its only effect
        return done;
    }
}
