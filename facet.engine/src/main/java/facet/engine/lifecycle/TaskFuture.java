package facet.engine.lifecycle;

import facet.api.LifecycleEvent;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.jfr.FailureText;
import facet.engine.jfr.FlightRecorderState;
import facet.engine.jfr.TaskFailureEvent;
import facet.engine.spi.Latch;
import facet.engine.work.Job;
import facet.engine.work.Worker;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A background task of a service: the job a worker runs, and the {@link Future} its caller
 * gets, as {@code FutureTask} is both.
 *
 * <p>The future's state is guarded by the lock of {@link LiveServices}; waiting goes through a
 * backend latch. Cancelling it (by the caller, or by the engine when the service stops) settles
 * the future at once and interrupts the task; the engine still waits for the task's strand to
 * return before it stops the service's dependencies.
 */
final class TaskFuture<T extends @Nullable Object> extends Job
        implements Future<T>, Function<Transition, @Nullable Void> {

    private enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private final ServiceTasks tasks;
    private final ServiceLife owner;
    private final Callable<T> task;
    /** Its place among the owner's running tasks. */
    private final Chain.Link<TaskFuture<?>> place;
    /** Made when someone first waits: most tasks are never waited for. */
    private @Nullable Latch done;

    private State state = State.RUNNING;
    /** Interrupted by a cancel already: the engine's cancel does not interrupt it again. */
    private boolean interruptAsked;
    private @Nullable T result;
    private @Nullable Throwable failure;
    // Written by the task's strand, read in the transition that follows it.
    private @Nullable T returnedValue;
    private @Nullable Throwable thrown;
    /** Opened once the crash it may be is logged: made before the lock, as backend calls are. */
    private @Nullable Latch crashLogged;

    /** One of {@code tasks}, among those running until it ends. */
    TaskFuture(ServiceTasks tasks, Callable<T> task, String name) {
        super(name, Kind.TASK, tasks.life().orchestrator.workers);
        this.tasks = tasks;
        this.owner = tasks.life();
        this.task = task;
        this.place = tasks.enlist(this);
    }

    // ---------------------------------------------------------------- the job

    @Override
    protected void begun(boolean queued) {
        EngineEvents events = owner.orchestrator.events;
        if (events.listening()) {
            events.tell(new EngineEvent.Began(owner.service, Hook.TASK));
        }
    }

    @Override
    protected void call() throws Exception {
        EngineEvents events = owner.orchestrator.events;
        if (!events.listening()) {
            try {
                returnedValue = task.call();
            } catch (Throwable failed) {
                failed(events, failed);
                throw Failures.checked(failed);
            }
            return;
        }
        try {
            returnedValue = task.call();
        } catch (Throwable failed) {
            events.tell(new EngineEvent.Threw(owner.service, Hook.TASK, failed));
            failed(events, failed);
            throw Failures.checked(failed);
        }
        events.tell(new EngineEvent.Returned(owner.service, Hook.TASK));
    }

    /** Tells the users' listeners and a flight recording that the task failed, if it did. */
    private void failed(EngineEvents events, Throwable failed) {
        boolean publishing = events.publishing();
        // the first event made registers its class with JFR: only once a recording was started
        var recorded = FlightRecorderState.initialized() ? new TaskFailureEvent() : null;
        boolean recording = recorded != null && recorded.isEnabled();
        if ((publishing || recording) && !endedByItsCancel(failed)) {
            if (publishing) {
                events.publish(new LifecycleEvent.TaskFailed(owner.service, owner.name, failed));
            }
            if (recorded != null && recorded.shouldCommit()) {
                recorded.service = owner.name;
                recorded.failure = FailureText.of(failed);
                recorded.commit();
            }
        }
    }

    /** Whether {@code failed} is the interrupt of a cancel: the task's end, not a failure. */
    private boolean endedByItsCancel(Throwable failed) {
        return Failures.isInterruption(failed)
                && LiveServices.GLOBAL.locked(table -> state == State.CANCELLED);
    }

    @Override
    protected void returned(@Nullable Throwable failed, long order, @Nullable Worker reporter) {
        thrown = failed;
        if (failed != null) {
            crashLogged = owner.orchestrator.backend.newLatch();
        }
        owner.orchestrator.transact(reporter, order, this);
    }

    /** The transition that reports the return: see {@link #finished}. */
    @Override
    public @Nullable Void apply(Transition transition) {
        finished(thrown, transition);
        return null;
    }

    /** The task returned or threw: settles the future unless cancelled, tells the owner. */
    private void finished(@Nullable Throwable failed, Transition transition) {
        boolean cancelled = state == State.CANCELLED;
        if (failed != null && !(cancelled && Failures.isInterruption(failed))) {
            Failures.place(failed, owner, "task", transition);
        }
        if (state == State.RUNNING) {
            if (failed == null) {
                state = State.SUCCEEDED;
                result = returnedValue;
            } else {
                state = State.FAILED;
                failure = failed;
            }
            settled(transition);
        }
        returnedValue = null;
        tasks.finished(place, failed, crashLogged, cancelled, transition);
    }

    /** The engine cancels the task: its service stops. */
    void cancel(Transition transition) {
        if (state == State.RUNNING) {
            state = State.CANCELLED;
            settled(transition);
        }
        interruptOnce(transition);
    }

    private void interruptOnce(Transition transition) {
        if (!interruptAsked) {
            interruptAsked = true;
            transition.after(this::interrupt);
        }
    }

    /** The future is settled: whoever waits goes on. Call under the lock. */
    private void settled(Transition transition) {
        Latch waiting = done;
        if (waiting != null) {
            transition.after(waiting::open);
        }
    }

    // ---------------------------------------------------------------- the future

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return owner.orchestrator.transact(transition -> {
            if (state != State.RUNNING) {
                return false;
            }
            state = State.CANCELLED;
            settled(transition);
            if (mayInterruptIfRunning) {
                interruptOnce(transition);
            }
            return true;
        });
    }

    @Override
    public boolean isCancelled() {
        return LiveServices.GLOBAL.locked(table -> state == State.CANCELLED);
    }

    @Override
    public boolean isDone() {
        return LiveServices.GLOBAL.locked(table -> state != State.RUNNING);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        Latch latch = LiveServices.GLOBAL.locked(table -> waitable());
        if (latch != null) {
            latch.await();
        }
        return outcome();
    }

    @Override
    public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = Deadline.saturatedAdd(owner.orchestrator.backend.nanoTime(),
                unit.toNanos(timeout));
        Latch latch = LiveServices.GLOBAL.locked(table -> waitable());
        if (latch != null && !latch.await(deadline)) {
            throw new TimeoutException(
                    "task of " + owner.name + " not done after " + timeout + " " + unit);
        }
        return outcome();
    }

    /** A latch to wait on, or {@code null} if the future is settled. Call under the lock. */
    private @Nullable Latch waitable() {
        if (state != State.RUNNING) {
            return null;
        }
        Latch latch = done;
        if (latch == null) {
            latch = owner.orchestrator.backend.newLatch();
            done = latch;
        }
        return latch;
    }

    private T outcome() throws ExecutionException {
        record Outcome<V extends @Nullable Object>(State state, @Nullable V result,
                @Nullable Throwable failure) {}
        Outcome<T> outcome = LiveServices.GLOBAL.locked(
                table -> new Outcome<>(state, result, failure));
        return switch (outcome.state()) {
            case SUCCEEDED -> castResult(outcome.result());
            case FAILED -> throw new ExecutionException(outcome.failure());
            case CANCELLED ->
                    throw new CancellationException("task of " + owner.name + " cancelled");
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
