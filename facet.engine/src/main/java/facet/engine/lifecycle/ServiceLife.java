package facet.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import facet.api.Drainable;
import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.graph.GraphReader;
import facet.engine.spi.Latch;
import facet.engine.work.Job;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One life of a service, from the start that claims it to its stop: where the order is decided.
 * A restart is a new life. The whole lifecycle, in the order of {@link State}:
 * <pre>
 *   start ({@link ServiceStart})
 *     CLAIMED           claimed by a start call
 *     ACQUIRING         its steps in order, each step's services together
 *     STARTING          start()
 *     RUNNING
 *   stop ({@link ServiceStop}), once its last holder released it ({@link #release})
 *     CANCELLING_START  a start() still running is interrupted, and awaited
 *     STOPPING          stop()
 *     CANCELLING_TASKS  its remaining tasks are interrupted, and awaited
 *     RELEASING         its steps in reverse, each step's services together
 *     STOPPED
 * </pre>
 * A failure on the way up (its own {@code start()}, a dependency's, a task's) ends the start in
 * one of the {@code FAILED} states, from which the stop goes on as from any other. Its tasks are
 * {@link ServiceTasks}; how waiters learn of its end, {@link ExitSignals}.
 *
 * <p>A life holds each of its dependencies from its claim until its stop releases them; a
 * dependency stops when its last holder (a life, a start call, a handle) releases it.
 *
 * <p>Everything but the final fields and {@link #crash} is guarded by the lock of
 * {@link LiveServices}; every method taking a {@link Transition} runs under it. Events drive
 * both walks (a dependency running, a hook returning, a task ending, a dependency stopped), so
 * no thread ever waits inside the engine.
 */
final class ServiceLife {

    /** Where a life is: its one state, of which every other view is derived. */
    enum State {
        /** Claimed by a start; nothing has asked for it yet, or all that did gave up. */
        CLAIMED,
        /** Its dependencies start, step by step. */
        ACQUIRING,
        /** Its {@code start()} runs. */
        STARTING,
        /** Its {@code start()} returned: it runs until its stop begins. */
        RUNNING,
        /** It cannot run (a failure on its way up), and its {@code start()} was never called. */
        FAILED,
        /** It cannot run, and its {@code start()}, interrupted, still runs. */
        FAILED_STARTING,
        /** It cannot run, but its {@code start()} returned after all: it must be stopped. */
        FAILED_STARTED,
        /** Its own {@code start()} threw. */
        START_THREW,
        /** Released while its {@code start()} ran: that is interrupted, and awaited. */
        CANCELLING_START,
        /** Its {@code stop()} runs. */
        STOPPING,
        /** Its remaining tasks are interrupted and awaited. */
        CANCELLING_TASKS,
        /** Its dependencies stop, step by step in reverse. */
        RELEASING,
        /** This life is over. */
        STOPPED;

        /** It cannot run: a failure on its way up. */
        boolean failed() {
            return this == FAILED || this == FAILED_STARTING || this == FAILED_STARTED
                    || this == START_THREW;
        }

        /** Its last holder released it: the stop goes on, and nothing builds on it. */
        boolean stopping() {
            return compareTo(CANCELLING_START) >= 0;
        }
    }

    /** A time never read: a hook not called, or not returned yet. */
    static final long NEVER = Long.MIN_VALUE;

    final Orchestrator orchestrator;
    final Service service;
    final String name;
    final long timeoutNanos;
    /** Its dependencies, and where the walk over them is. */
    final StepCursor steps = new StepCursor();
    final ServiceStart start = new ServiceStart(this);
    /** The walk for services to drain that reached it first, this start ({@link Drains}). Locked. */
    @Nullable Drains drainWalk;

    private State state = State.CLAIMED;
    /** How many hold it: dependents, start calls, handles. */
    private int holds;
    // Most services have one dependent: the set is made when a second one comes.
    private @Nullable ServiceLife dependent;
    private @Nullable LinkedHashSet<ServiceLife> moreDependents;
    // Made on first use: most lives run no task and are never awaited.
    private @Nullable ServiceTasks tasks;
    private @Nullable ExitSignals exit;
    private @Nullable ServiceStop stop;
    private volatile @Nullable Crash crash;
    /** The JVM's shutdown, if its stop began as the JVM went down. */
    private @Nullable JvmShutdown stoppedBy;

    ServiceLife(Orchestrator orchestrator, GraphReader.Snapshot snapshot) {
        this.orchestrator = orchestrator;
        this.service = snapshot.service();
        this.name = snapshot.name();
        this.timeoutNanos = snapshot.timeoutNanos();
        if (service instanceof Drainable) {
            orchestrator.drainableClaimed();
        }
    }

    // ---------------------------------------------------------------- state and views

    State state() {
        return state;
    }

    /** Moves on to {@code next}: said by the start and the stop, as they go. */
    void state(State next) {
        state = next;
    }

    /** From a successful start until its stop begins (a crashed stack runs on until then). */
    boolean running() {
        return state == State.RUNNING;
    }

    /** Over, or its stop ran past its deadline: nobody waits for it any more. */
    private boolean over() {
        return state == State.STOPPED || (stop != null && stop.abandoned());
    }

    private boolean exited() {
        return crash != null || over();
    }

    /** Its stop ran past its deadline and is still going: it cannot be started again yet. */
    boolean stopGivenUp() {
        return stop != null && stop.abandoned() && state != State.STOPPED;
    }

    /** The failure of the task that crashed this service's stack, if one did. */
    @Nullable Crash crash() {
        return crash;
    }

    ServiceStop stop() {
        return requireNonNull(stop, "not stopping");
    }

    /**
     * The names from a root down to this life, up through a dependent of each: the first still
     * holding it, or, once all let go, the one whose stop released it last. Under the lock.
     */
    List<String> pathFromRoot() {
        var path = new ArrayList<String>();
        for (ServiceLife at = this; at != null; at = at.above()) {
            path.add(at.name);
        }
        Collections.reverse(path);
        return path;
    }

    /** A dependent on the way to a root, if any. */
    private @Nullable ServiceLife above() {
        if (dependent != null) {
            return dependent;
        }
        if (moreDependents != null && !moreDependents.isEmpty()) {
            return moreDependents.iterator().next();
        }
        return stop == null ? null : stop.releasedBy();
    }

    /** Its stop, once its last holder released it. */
    @Nullable ServiceStop stopIfBegun() {
        return stop;
    }

    // ---------------------------------------------------------------- holders

    /** Wires this new life to its dependencies: it holds each until its stop releases it. */
    void link(ServiceLife[][] claimed) {
        steps.wire(claimed);
        for (ServiceLife[] step : claimed) {
            for (ServiceLife dependency : step) {
                dependency.holds++;
                dependency.addDependent(this);
            }
        }
    }

    /** One more holder that is not a life: a start call, a handle. */
    void hold() {
        holds++;
    }

    @SuppressWarnings("ReferenceEquality") // lives are identities
    private void addDependent(ServiceLife life) {
        if (dependent == null || dependent == life) {
            dependent = life;
        } else {
            if (moreDependents == null) {
                moreDependents = new LinkedHashSet<>();
            }
            moreDependents.add(life);
        }
    }

    /** The lives that hold this one, for the rare walks up the graph (failure, crash). */
    List<ServiceLife> dependents() {
        var all = new ArrayList<ServiceLife>();
        if (dependent != null) {
            all.add(dependent);
        }
        if (moreDependents != null) {
            all.addAll(moreDependents);
        }
        return all;
    }

    /**
     * {@code holder} lets go of this life ({@code null} for a start call or a handle). The last
     * release begins the stop, bounded by a deadline no later than {@code inherited}.
     *
     * @return {@code true} if nothing is left to wait for; else {@code listener} hears of the
     *     stop in a later step
     */
    @SuppressWarnings("ReferenceEquality") // lives are identities
    boolean release(@Nullable ServiceLife holder, StopListener listener,
            @Nullable Deadline inherited, StopReport report, Transition transition) {
        if (holder != null) {
            if (dependent == holder) {
                dependent = null;
            } else if (moreDependents != null) {
                moreDependents.remove(holder);
            }
        }
        if (--holds > 0) {
            return true;
        }
        // where the start left it says where the stop begins; a life nothing needs stood down
        // before its last release, so it never acquires here
        state = switch (state) {
            case RUNNING, FAILED_STARTED -> State.STOPPING;
            case STARTING, FAILED_STARTING -> State.CANCELLING_START;
            case CLAIMED, FAILED, START_THREW -> State.CANCELLING_TASKS;
            default -> throw new AssertionError(name + " released in " + state);
        };
        var stopping = new ServiceStop(this, listener, report, inherited, transition);
        stop = stopping;
        stoppedBy = orchestrator.stoppingForShutdown();
        // later, so the listener never hears of the stop before this returns
        transition.then(stopping);
        return false;
    }

    /**
     * Interrupts its {@code start()} or {@code stop()} as the engine cuts it short, once: a
     * start can be cut short twice, by a failure or a stand-down, then by the release that
     * follows. Only a deadline interrupts it again ({@link ServiceStop#expire}).
     */
    void interrupt(HookJob running, Transition transition) {
        if (running.askInterrupt()) {
            interrupt(running, running.hook, transition);
        }
    }

    /** Interrupts {@code job}, this life's {@code hook}: told to the listener, then done. */
    void interrupt(Job job, Hook hook, Transition transition) {
        transition.announce(new EngineEvent.Interrupting(service, hook));
        transition.after(job::interrupt);
    }

    // ---------------------------------------------------------------- tasks

    /** A new background task; forked once the lock is released. */
    <T extends @Nullable Object> TaskFuture<T> addTask(Callable<T> task, Transition transition) {
        if (state.failed() || state.stopping()) {
            throw new IllegalStateException(
                    "cannot add a task to " + name + ": it is not starting or running");
        }
        ServiceTasks own = tasks;
        if (own == null) {
            own = new ServiceTasks(this);
            tasks = own;
        }
        return own.add(task, transition);
    }

    /** Cancels the tasks still running: its stop is past {@code stop()}. */
    void cancelTasks(Transition transition) {
        if (tasks != null) {
            tasks.cancelAll(transition);
        }
    }

    boolean tasksDone() {
        return tasks == null || tasks.done();
    }

    /** Where its first task still running is; empty if none runs. Call under the lock. */
    StackTraceElement[] firstTaskStack() {
        ServiceTasks own = tasks;
        return own == null ? new StackTraceElement[0] : own.firstStack();
    }

    /** At a deadline: its tasks still running are reported stuck, and interrupted. */
    void tasksStuck(StopReport report, Transition transition) {
        if (tasks != null) {
            tasks.stuck(report, transition);
        }
    }

    // ---------------------------------------------------------------- its exit

    /** A latch that opens once this life exits; {@code null} if it has. Call under the lock. */
    @Nullable Latch exitedLatch() {
        return exited() ? null : exitSignals().exited(orchestrator.backend);
    }

    /** A latch that opens once this life is over; {@code null} if it is. Call under the lock. */
    @Nullable Latch overLatch() {
        return over() ? null : exitSignals().over(orchestrator.backend);
    }

    /** Completes as this life exits: with its crash, if it crashed. Call under the lock. */
    CompletableFuture<Void> onExit() {
        return exitSignals().onExit(this, crash, exited());
    }

    /**
     * Waits until this life exits: {@code Service.await} and {@code Running.await}. If its stop
     * was the JVM's shutdown's, it waits on until the shutdown hook has finished, and says so.
     */
    void awaitExit() throws Exception {
        Latch exited = LiveServices.GLOBAL.locked(table -> exitedLatch());
        Thread caller = orchestrator.waitBegins();
        try {
            if (exited != null) {
                exited.await();
            }
            Crash crashed = crash;
            if (crashed != null) {
                crashed.awaitLogged(); // it may have been decided before this call
                crashed.thrown();
                throw Failures.checked(crashed.failure);
            }
            JvmShutdown shutdown = LiveServices.GLOBAL.locked(table -> stoppedBy);
            if (shutdown != null) {
                throw shutdown.awaitEnd(name);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // kept, so the caller's caller sees it too
            throw interrupted;
        } finally {
            orchestrator.waitEnded(caller);
        }
    }

    /** The JVM's shutdown, if this life's stop was its doing. Call under the lock. */
    @Nullable JvmShutdown stoppedBy() {
        return stoppedBy;
    }

    /** Its stack crashed: whoever waits for its exit goes on, with the crash. */
    void exitCrashed(Crash cause, Transition transition) {
        if (crash != null) {
            return;
        }
        crash = cause;
        if (exit != null) {
            exit.crashed(cause, transition);
        }
    }

    /** It is over, or its stop given up: whoever waits for its exit goes on. */
    void exitOver(Transition transition) {
        if (exit != null) {
            exit.over(this, transition);
        }
    }

    private ExitSignals exitSignals() {
        ExitSignals signals = exit;
        if (signals == null) {
            signals = new ExitSignals();
            exit = signals;
        }
        return signals;
    }
}
