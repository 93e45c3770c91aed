package facet.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import facet.api.LifecycleEvent;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.jfr.FlightRecorderState;
import facet.engine.jfr.StopAbandonedEvent;
import facet.engine.lifecycle.ServiceLife.State;
import org.jspecify.annotations.Nullable;

/**
 * The stop of one life, from its last release to its end: its state and what it does, in
 * order. Each stage ends by calling the next:
 * <pre>
 *   {@link #begin}         a start() still running is interrupted ({@link #startReturned} goes
 *                   on); one that returned is followed by stop(); else on to the tasks
 *   {@link #callStop}      stop() runs; {@link #stopReturned} goes on
 *   {@link #cancelTasks}   the tasks still running are interrupted, and awaited
 *   {@link #releaseSteps}  the dependencies, last step first, each step's together
 *   {@link #finish}        over: whoever released it last hears so
 * </pre>
 * A deadline bounds it all ({@link Deadline}): past it, whatever is stuck is interrupted and
 * reported ({@link #expire}), and nobody waits any more, though the stop goes on.
 *
 * <p>As a {@link Step} it runs twice: queued by the last release, it begins (so the holder that
 * released it hears nothing of the stop before the release returns); queued as it ends or is
 * given up, it tells its listener.
 *
 * <p>Guarded by the lock of {@link LiveServices}; every method runs under it.
 */
final class ServiceStop implements StopListener, Step {

    final ServiceLife life;
    final StopReport report;
    final Deadline deadline;
    /** Who hears that the stop is over (or given up); {@code null} once told. */
    private @Nullable StopListener listener;
    /** Whether it ran as a step already: it has begun. */
    private boolean begun;
    /** The listener it tells as it runs as a step again; {@code null} until then. */
    private @Nullable StopListener telling;
    /** Its place among the stops under its deadline. */
    final Chain.Link<ServiceStop> underDeadline;
    private @Nullable HookJob stopJob;
    /** When its {@code stop()} was called, and returned: {@link Transition#now()} or NEVER. */
    private long calledAt = ServiceLife.NEVER;
    private long returnedAt = ServiceLife.NEVER;
    /** What its {@code stop()} threw. */
    private @Nullable Throwable threw;

    ServiceStop(ServiceLife life, StopListener listener, StopReport report,
            @Nullable Deadline inherited, Transition transition) {
        this.life = life;
        this.listener = listener;
        this.report = report;
        this.deadline = Deadline.forStop(life, inherited, transition);
        this.underDeadline = deadline.join(this);
    }

    /** The dependent whose stop released it last, while its own stop goes on. */
    @Nullable ServiceLife releasedBy() {
        return listener instanceof ServiceStop dependentStop ? dependentStop.life : null;
    }

    /** When its {@code stop()} was called, or {@link ServiceLife#NEVER}. */
    long calledAt() {
        return calledAt;
    }

    /** When its {@code stop()} returned or threw, or {@link ServiceLife#NEVER}. */
    long returnedAt() {
        return returnedAt;
    }

    /** What its {@code stop()} threw, if it did. */
    @Nullable Throwable threw() {
        return threw;
    }

    /** Whether its deadline passed while it was still stopping: nobody waits for it any more. */
    boolean abandoned() {
        return deadline.expired();
    }

    // ---------------------------------------------------------------- the stop, in order

    /** Begins, the first time; tells its listener, the second (see the class's notes). */
    @Override
    public void run(Transition transition) {
        if (!begun) {
            begun = true;
            begin(transition);
            return;
        }
        StopListener told = requireNonNull(telling, "a stop ran as a step with nothing to tell");
        telling = null;
        told.stopped(life, transition);
    }

    /** Released by its last holder; the life's state says where its start left it. */
    private void begin(Transition transition) {
        switch (life.state()) {
            case CANCELLING_START -> life.interrupt(life.start.job(), transition);
            case STOPPING -> callStop(transition);
            case CANCELLING_TASKS -> {
                Throwable threw = life.start.threw();
                if (threw != null) { // its own start() threw: whoever stops it hears of it
                    report.failed(life, Hook.START, threw, transition);
                }
                cancelTasks(transition);
            }
            default -> throw new AssertionError(life.name + ": a stop began in " + life.state());
        }
    }

    /** The {@code start()} it cut short returned: {@code stop()} follows if it succeeded. */
    void startReturned(@Nullable Throwable thrown, Transition transition) {
        if (thrown == null) {
            callStop(transition);
        } else {
            // even an interruption: every failure reaches someone
            report.failed(life, Hook.START, thrown, transition);
            cancelTasks(transition);
        }
    }

    private void callStop(Transition transition) {
        life.state(State.STOPPING);
        calledAt = transition.now();
        var job = new HookJob(life, Hook.STOP, report.drains && life.orchestrator.drainables()
                ? Drains.before(life, life.orchestrator) : Drains.NONE);
        stopJob = job;
        transition.fork(job);
    }

    void stopReturned(@Nullable Throwable thrown, long begunAt, Transition transition) {
        stopJob = null;
        if (begunAt != ServiceLife.NEVER) { // it waited for a worker: it was called only then
            calledAt = begunAt;
        }
        returnedAt = transition.now();
        threw = thrown;
        if (thrown != null) {
            report.failed(life, Hook.STOP, thrown, transition);
        }
        cancelTasks(transition);
    }

    /** After {@code stop()}: the tasks still running are interrupted, and awaited. */
    private void cancelTasks(Transition transition) {
        life.state(State.CANCELLING_TASKS);
        life.cancelTasks(transition);
        if (life.tasksDone()) {
            releaseSteps(transition);
        }
    }

    /** Then the dependencies, step by step in reverse, a step's together. */
    void releaseSteps(Transition transition) {
        life.state(State.RELEASING);
        life.steps.afterLast();
        releaseNextStep(transition);
    }

    private void releaseNextStep(Transition transition) {
        for (ServiceLife[] step = life.steps.previous(); step != null;
                step = life.steps.previous()) {
            int waiting = 0;
            for (ServiceLife dependency : step) {
                if (!dependency.release(life, this, deadline, report, transition)) {
                    waiting++;
                }
            }
            if (waiting > 0) {
                life.steps.await(waiting);
                return;
            }
        }
        finish(transition);
    }

    /** A dependency this stop released has stopped. */
    @Override
    public void stopped(ServiceLife dependency, Transition transition) {
        if (life.state() == State.RELEASING && life.steps.arrived()) {
            releaseNextStep(transition);
        }
    }

    private void finish(Transition transition) {
        life.state(State.STOPPED);
        LiveServices.GLOBAL.remove(life);
        deadline.leave(this, transition);
        life.exitOver(transition);
        tell(transition);
    }

    // ---------------------------------------------------------------- past the deadline

    /**
     * Its deadline passed while it was still stopping: what is stuck is reported and
     * interrupted, and whoever waits for its exit goes on. The stop goes on when the stuck code
     * returns.
     */
    void expire(Transition transition) {
        EngineEvents events = life.orchestrator.events;
        // the first event made registers its class with JFR: only once a recording was started
        var recorded = FlightRecorderState.initialized() ? new StopAbandonedEvent() : null;
        boolean recording = recorded != null && recorded.isEnabled();
        if (events.publishing() || recording) {
            StackTraceElement[] stack = whereStuck();
            if (events.publishing()) {
                var abandoned = new LifecycleEvent.StopAbandoned(life.service, life.name, stack);
                transition.after(() -> events.publish(abandoned));
            }
            if (recorded != null && recorded.shouldCommit()) {
                recorded.service = life.name;
                recorded.stuckAt = stack.length == 0 ? "" : stack[0].toString();
                transition.after(recorded::commit);
            }
        }
        switch (life.state()) {
            case CANCELLING_START -> stuck(life.start.job(), transition);
            case STOPPING -> {
                stuck(requireNonNull(stopJob), transition);
                life.cancelTasks(transition);
            }
            case CANCELLING_TASKS -> life.tasksStuck(report, transition);
            default -> { } // releasing: what is stuck is further down
        }
        life.exitOver(transition);
    }

    /** Where its code is: the hook it is in, or its first task still running; else nowhere. */
    private StackTraceElement[] whereStuck() {
        return switch (life.state()) {
            case CANCELLING_START -> life.start.job().stackTrace();
            case STOPPING -> requireNonNull(stopJob).stackTrace();
            case CANCELLING_TASKS -> life.firstTaskStack();
            default -> new StackTraceElement[0];
        };
    }

    /** The deadline it owns passed: whoever released it stops waiting. */
    void giveUp(Transition transition) {
        tell(transition);
    }

    /** Past the deadline: interrupted again, even if it swallowed an earlier interrupt (R7). */
    private void stuck(HookJob job, Transition transition) {
        report.stuck(life, job.hook, job, job.beforeStop());
        life.interrupt(job, job.hook, transition);
    }

    /** Tells the listener, once, in a later step: the stop is over, or given up. */
    private void tell(Transition transition) {
        StopListener told = listener;
        if (told != null) {
            listener = null;
            telling = told;
            transition.then(this);
        }
    }
}
