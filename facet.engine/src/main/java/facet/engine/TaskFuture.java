package facet.engine;

import facet.engine.event.EngineEvent;
import facet.engine.spi.Latch;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A background task of a service, and the {@link Future} its caller gets.
 *
 * <p>The future's state is guarded by the graph's lock; waiting goes through a backend latch.
 * Cancelling it (by the caller, or by the engine when the service stops) settles the future at
 * once and interrupts the task; the engine still waits for the task's strand to return before
 * it stops the service's dependencies.
 */
final class TaskFuture<T extends @Nullable Object>
        implements Future<T>, Engine.UserCode, BiConsumer<@Nullable Throwable, Tx> {

    private enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED }

    final Run run;
    // The owner's TaskList links its tasks through these; guarded by the graph's lock.
    @Nullable TaskFuture<?> previous;
    @Nullable TaskFuture<?> next;
    boolean listed;
    private final Node owner;
    private final Callable<T> task;
    /** Made when someone first waits: most tasks are never waited for. */
    private @Nullable Latch done;

    private State state = State.RUNNING;
    private @Nullable T result;
    private @Nullable Throwable failure;
    // Written by the task's strand, read in the transition that follows it.
    private @Nullable T returned;

    TaskFuture(Node owner, Callable<T> task, String name) {
        this.owner = owner;
        this.task = task;
        this.run = new Run(name, Run.Kind.TASK, owner, owner.engine.workers(),
                owner.engine.observed(owner.service, EngineEvent.Hook.TASK, this), this);
    }

    /** The task's strand: runs the task. */
    @Override
    public void call() throws Exception {
        returned = task.call();
    }

    /** The task returned or threw: see {@link #finished}. */
    @Override
    public void accept(@Nullable Throwable thrown, Tx tx) {
        finished(thrown, tx);
    }

    /** The future is settled: whoever waits goes on. Call under the lock. */
    private void settled(Tx tx) {
        Latch waiting = done;
        if (waiting != null) {
            tx.after(waiting::open);
        }
    }

    /** A latch to wait on, or {@code null} if the future is settled. Call under the lock. */
    private @Nullable Latch waitable() {
        if (state != State.RUNNING) {
            return null;
        }
        Latch latch = done;
        if (latch == null) {
            latch = owner.engine.backend().newLatch();
            done = latch;
        }
        return latch;
    }

    /** The task returned or threw: settles the future unless cancelled, tells the owner. */
    void finished(@Nullable Throwable thrown, Tx tx) {
        boolean cancelled = state == State.CANCELLED;
        if (state == State.RUNNING) {
            if (thrown == null) {
                state = State.SUCCEEDED;
                result = returned;
            } else {
                state = State.FAILED;
                failure = thrown;
            }
            settled(tx);
        }
        returned = null;
        owner.taskFinished(this, thrown, cancelled, tx);
    }

    /** The engine cancels the task: its service stops. */
    void cancel(Tx tx) {
        if (state == State.RUNNING) {
            state = State.CANCELLED;
            settled(tx);
        }
        tx.after(run::interrupt);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return owner.engine.graph().transact(owner.engine, tx -> {
            if (state != State.RUNNING) {
                return false;
            }
            state = State.CANCELLED;
            settled(tx);
            if (mayInterruptIfRunning) {
                tx.after(run::interrupt);
            }
            return true;
        });
    }

    @Override
    public boolean isCancelled() {
        return owner.engine.graph().read(graph -> state == State.CANCELLED);
    }

    @Override
    public boolean isDone() {
        return owner.engine.graph().read(graph -> state != State.RUNNING);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        Latch latch = owner.engine.graph().read(graph -> waitable());
        if (latch != null) {
            latch.await();
        }
        return outcome();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = Deadline.saturatedAdd(owner.engine.backend().nanoTime(),
                unit.toNanos(timeout));
        Latch latch = owner.engine.graph().read(graph -> waitable());
        if (latch != null && !latch.await(deadline)) {
            throw new TimeoutException(
                    "task of " + owner.name + " not done after " + timeout + " " + unit);
        }
        return outcome();
    }

    private T outcome() throws ExecutionException {
        record Outcome<V extends @Nullable Object>(State state, @Nullable V result,
                @Nullable Throwable failure) {}
        Outcome<T> outcome = owner.engine.graph().read(graph -> new Outcome<>(state, result, failure));
        return switch (outcome.state()) {
            case SUCCEEDED -> castResult(outcome.result());
            case FAILED -> throw new ExecutionException(outcome.failure());
            case CANCELLED -> throw new CancellationException("task of " + owner.name + " cancelled");
            case RUNNING -> throw new IllegalStateException("latch open while running");
        };
    }

    @SuppressWarnings("NullAway") // T itself may be nullable; a succeeded task's result is a T
    private static <V extends @Nullable Object> V castResult(@Nullable V value) {
        return value;
    }

    @Override
    public String toString() {
        return "task of " + owner.name + " " + task;
    }
}
