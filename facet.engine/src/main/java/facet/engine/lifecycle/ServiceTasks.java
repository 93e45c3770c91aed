package facet.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import facet.engine.event.EngineEvent;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.spi.Latch;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The background tasks of one life: added while it starts or runs, each a job of its own;
 * cancelled once its {@code stop()} returned, and awaited before its dependencies stop; and a
 * failure of one, which crashes its stack (R6). Made with the life's first task. Guarded by the
 * lock of {@link LiveServices}.
 */
final class ServiceTasks {

    private final ServiceLife life;
    /** The thread name of its tasks: made once, not once per task. */
    private final String jobName;
    private final Chain<TaskFuture<?>> running = new Chain<>();

    ServiceTasks(ServiceLife life) {
        this.life = life;
        this.jobName = "facet-task-" + life.name;
    }

    ServiceLife life() {
        return life;
    }

    /** A new task, in the chain of running tasks; forked once the lock is released. */
    <T extends @Nullable Object> TaskFuture<T> add(Callable<T> task, Transition transition) {
        var future = new TaskFuture<>(this, task, jobName);
        transition.fork(future);
        return future;
    }

    Chain.Link<TaskFuture<?>> enlist(TaskFuture<?> task) {
        return running.add(task);
    }

    /** Cancels the tasks still running: the engine's cancel, as the service stops. */
    void cancelAll(Transition transition) {
        if (!running.isEmpty()) {
            transition.announce(new EngineEvent.CancellingTasks(life.service));
            running.forEach(task -> task.cancel(transition));
        }
    }

    /** Whether no task runs any more. */
    boolean done() {
        return running.isEmpty();
    }

    /**
     * At a deadline: each task still running is reported stuck, and interrupted, again if it
     * swallowed its cancel (R7).
     */
    void stuck(StopReport report, Transition transition) {
        running.forEach(task -> {
            report.stuck(life, Hook.TASK, task, null);
            life.interrupt(task, Hook.TASK, transition);
        });
    }

    /** Where the first of its tasks still running is; empty if none runs. */
    StackTraceElement[] firstStack() {
        for (TaskFuture<?> task : running.elements()) {
            if (task.running()) {
                return task.stackTrace();
            }
        }
        return new StackTraceElement[0];
    }

    /**
     * {@code task} returned or threw; {@code cancelled} if it had been cancelled before.
     *
     * @param crashLogged made if it threw: opened once the crash it may be is logged
     */
    void finished(Chain.Link<TaskFuture<?>> task, @Nullable Throwable thrown,
            @Nullable Latch crashLogged, boolean cancelled, Transition transition) {
        running.remove(task);
        if (thrown != null) {
            if (!cancelled) {
                crashed(thrown, requireNonNull(crashLogged), transition);
            } else if (life.state().stopping() && !Failures.isInterruption(thrown)) {
                // cancelled by the stop, but it failed of itself: a stop failure, not noise (R5)
                life.stop().report.failed(life, Hook.TASK, thrown, transition);
            } else if (!Failures.isInterruption(thrown)) {
                transition.after(() -> life.orchestrator.events.log(Level.DEBUG, life.service,
                        life.name + ": a task ended with a failure after it was cancelled",
                        thrown));
            }
        }
        if (life.state() == ServiceLife.State.CANCELLING_TASKS && done()) {
            life.stop().releaseSteps(transition);
        }
    }

    /**
     * A task failed: the stack crashes; or, if the service stops, its stop failed. The crash is
     * logged before any start it fails throws it (see {@link Orchestrator#crashLogBegins}).
     */
    private void crashed(Throwable cause, Latch logged, Transition transition) {
        Orchestrator orchestrator = life.orchestrator;
        orchestrator.crashLogBegins(logged);
        var crash = new Crash(cause, logged);
        transition.after(() -> {
            try {
                orchestrator.events.log(Level.ERROR, life.service,
                        life.name + ": a background task failed; the stack crashes", cause);
            } finally {
                crash.logEnded();
                orchestrator.crashLogEnded(logged);
            }
        });
        if (life.state().stopping()) {
            life.stop().report.failed(life, Hook.TASK, cause, transition);
        } else {
            crash.spread(life, transition);
        }
    }
}
