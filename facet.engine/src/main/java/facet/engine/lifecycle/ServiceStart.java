package facet.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import facet.engine.event.EngineEvent.Hook;
import facet.engine.jfr.FailureText;
import facet.engine.lifecycle.ServiceLife.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The start of one life: what it does, in order, each stage ending by calling the next:
 * <pre>
 *   {@link #request}        a start call or a dependent asks for it: its first step begins
 *   {@link #acquireSteps}   each step in turn: its services asked for together, and awaited
 *   {@link #callStart}      start() runs; {@link #startReturned} goes on
 *   {@link #becomeRunning}  it runs: whoever waited for it goes on
 * </pre>
 * A failure on the way ({@link #fail}) ends it: no {@code start()} is called in that part of
 * the graph from then on. A life nothing needs any more stands down ({@link #standDown}).
 *
 * <p>A life starts only while something needs it: a start call waiting for it, or a dependent
 * waiting for the step it is in. When the last of them goes (it failed, or gave up), the life
 * stands down at once: it withdraws from its own dependencies, and a {@code start()} not begun
 * yet is dropped, one begun is interrupted. So once a start has failed, no {@code start()}
 * begins on its behalf (R4), while what another start still needs goes on.
 *
 * <p>As a {@link Step}, it is a dependent's request for it: queued, not called, so a chain of
 * requests never deepens the stack.
 *
 * <p>Guarded by the lock of {@link LiveServices}; every method runs under it.
 */
final class ServiceStart implements Step {

    private final ServiceLife life;
    /** Why it cannot run, once it {@linkplain State#failed() failed}. */
    private @Nullable Throwable failure;
    /** What its own {@code start()} threw: whoever stops it hears of it. */
    private @Nullable Throwable threw;
    private @Nullable HookJob job;
    // Most lives have one dependent waiting: it is held in a field, and a list made for a
    // second (JMH -prof gc: 68 bytes fewer per service of a tree); the first is always older
    // than every one in the list. Only roots have calls: their list is made on first use.
    private @Nullable ServiceStart firstWaiter;
    private @Nullable List<ServiceStart> moreWaiters;
    private @Nullable List<StartCall<?>> calls;
    /** When its {@code start()} was called, and returned: {@link Transition#now()} or NEVER. */
    private long calledAt = ServiceLife.NEVER;
    private long returnedAt = ServiceLife.NEVER;
    /** The life whose {@code start()} return let its {@code start()} be called, if any. */
    private @Nullable ServiceLife calledAfter;

    ServiceStart(ServiceLife life) {
        this.life = life;
    }

    /** What its own {@code start()} threw, if it did. */
    @Nullable Throwable threw() {
        return threw;
    }

    /** When its {@code start()} was called, or {@link ServiceLife#NEVER}. */
    long calledAt() {
        return calledAt;
    }

    /** When its {@code start()} returned or threw, or {@link ServiceLife#NEVER}. */
    long returnedAt() {
        return returnedAt;
    }

    /** The life whose {@code start()} return let its {@code start()} be called, if any. */
    @Nullable ServiceLife calledAfter() {
        return calledAfter;
    }

    /** The {@code start()} still running. */
    HookJob job() {
        return requireNonNull(job, "no start() runs");
    }

    // ---------------------------------------------------------------- the start, in order

    /** {@code call} waits for this life to run; asks for the start if nobody did. */
    void awaitRunning(StartCall<?> call, Transition transition) {
        if (life.state() == State.RUNNING) {
            call.started(transition);
        } else if (life.state().failed()) {
            call.failed(requireNonNull(failure), transition);
        } else {
            if (calls == null) {
                calls = new ArrayList<>(1);
            }
            calls.add(call);
            request(transition);
        }
    }

    /** A dependent asks for this life, as a step queued by its {@link #acquireSteps}. */
    @Override
    public void run(Transition transition) {
        request(transition);
    }

    /** A dependent (or a start call) asks for this life: its first step begins. */
    private void request(Transition transition) {
        if (life.state() != State.CLAIMED) {
            return;
        }
        life.state(State.ACQUIRING);
        life.steps.beforeFirst();
        acquireSteps(transition);
    }

    /** Asks for each step in turn; once every step is running, calls {@code start()}. */
    private void acquireSteps(Transition transition) {
        for (ServiceLife[] step = life.steps.next(); step != null; step = life.steps.next()) {
            int waiting = 0;
            for (ServiceLife dependency : step) {
                State its = dependency.state();
                if (its == State.RUNNING) {
                    continue;
                }
                if (its.failed()) {
                    fail(requireNonNull(dependency.start.failure), transition);
                    return;
                }
                if (its.stopping()) {
                    throw new AssertionError(life.name + " waits for " + dependency.name
                            + ", which stops though " + life.name + " holds it");
                }
                dependency.start.addWaiter(this);
                waiting++;
                if (its == State.CLAIMED) {
                    transition.then(dependency.start);
                }
            }
            if (waiting > 0) {
                life.steps.await(waiting);
                return;
            }
        }
        callStart(transition);
    }

    private void addWaiter(ServiceStart waiting) {
        List<ServiceStart> more = moreWaiters;
        if (firstWaiter == null && (more == null || more.isEmpty())) {
            firstWaiter = waiting; // nobody waits: it is the oldest
            return;
        }
        if (more == null) {
            more = new ArrayList<>(2);
            moreWaiters = more;
        }
        more.add(waiting);
    }

    /** Removes one of {@code waiting}'s waits, if it has one. */
    private boolean removeWaiter(ServiceStart waiting) {
        if (firstWaiter == waiting) {
            firstWaiter = null;
            return true;
        }
        return moreWaiters != null && moreWaiters.remove(waiting);
    }

    private boolean hasWaiters() {
        return firstWaiter != null || (moreWaiters != null && !moreWaiters.isEmpty());
    }

    private void dependencyRunning(Transition transition) {
        if (life.state() == State.ACQUIRING && life.steps.arrived()) {
            acquireSteps(transition);
        }
    }

    private void callStart(Transition transition) {
        life.state(State.STARTING);
        calledAt = transition.now();
        calledAfter = transition.startReturnOf();
        var started = new HookJob(life, Hook.START);
        job = started;
        transition.fork(started);
    }

    /** Its {@code start()} returned, or threw. */
    void startReturned(@Nullable Throwable thrown, long begunAt, Transition transition) {
        job = null;
        if (begunAt != ServiceLife.NEVER) { // it waited for a worker: it was called only then
            calledAt = begunAt;
        }
        returnedAt = transition.now();
        switch (life.state()) {
            case STARTING -> {
                if (thrown == null) {
                    becomeRunning(transition);
                } else {
                    threw = thrown;
                    life.state(State.START_THREW);
                    failed(thrown, transition);
                }
            }
            case FAILED_STARTING -> { // a failure cut it short: whoever stops it hears of it
                if (thrown == null) {
                    life.state(State.FAILED_STARTED);
                } else {
                    threw = thrown;
                    life.state(State.START_THREW);
                }
            }
            case CANCELLING_START -> life.stop().startReturned(thrown, transition);
            default -> throw new AssertionError(
                    life.name + ": start() returned in " + life.state());
        }
    }

    private void becomeRunning(Transition transition) {
        life.state(State.RUNNING);
        ServiceStart first = firstWaiter;
        List<ServiceStart> more = moreWaiters;
        firstWaiter = null;
        moreWaiters = null;
        if (first != null) {
            first.dependencyRunning(transition);
        }
        if (more != null) {
            for (ServiceStart waiter : more) {
                waiter.dependencyRunning(transition);
            }
        }
        List<StartCall<?>> waitingCalls = calls;
        calls = null;
        if (waitingCalls != null) {
            for (StartCall<?> call : waitingCalls) {
                call.started(transition);
            }
        }
    }

    // ---------------------------------------------------------------- a start that fails

    /**
     * A dependency failed, or its stack crashed, before this life was claimed: it fails at once,
     * with that failure, and nothing else starts. A crashed stack is not built on (R6).
     */
    void failIfDependencyFailed(Transition transition) {
        for (ServiceLife[] step : life.steps.steps()) {
            for (ServiceLife dependency : step) {
                Crash crashed = dependency.crash();
                if (dependency.state().failed()) {
                    fail(requireNonNull(dependency.start.failure), transition);
                    return;
                }
                if (crashed != null && dependency.running()) {
                    fail(crashed.failure, transition);
                    return;
                }
            }
        }
    }

    /**
     * This life cannot become running: neither can any dependent still starting, nor any start
     * call waiting for it. No {@code start()} is called in that part of the graph from now on;
     * one not begun is dropped, one begun (a crash failed it) is cut short.
     */
    void fail(Throwable cause, Transition transition) {
        switch (life.state()) {
            case CLAIMED -> life.state(State.FAILED);
            case ACQUIRING -> {
                withdrawFromStep(transition);
                life.state(State.FAILED);
            }
            case STARTING -> {
                HookJob running = job();
                if (running.drop()) {
                    dropped(transition);
                    life.state(State.FAILED);
                } else {
                    life.interrupt(running, transition);
                    life.state(State.FAILED_STARTING);
                }
            }
            default -> {
                return; // running, failed already, or stopping
            }
        }
        failed(cause, transition);
    }

    /** It failed: whoever waits for it to run hears so, and its dependents fail too. */
    private void failed(Throwable cause, Transition transition) {
        failure = cause;
        // a start() that threw said so itself, as it threw
        if (transition.debugging() && life.state() != State.START_THREW) {
            transition.debug(() -> life.name + " failed to start: " + FailureText.of(cause));
        }
        firstWaiter = null;
        moreWaiters = null;
        for (ServiceLife dependent : life.dependents()) {
            transition.then(next -> dependent.start.fail(cause, next));
        }
        List<StartCall<?>> waitingCalls = calls;
        calls = null;
        if (waitingCalls != null) {
            for (StartCall<?> call : waitingCalls) {
                call.failed(cause, transition);
            }
        }
    }

    /**
     * The start call waiting for this root failed: every {@code start()} below it that no other
     * live start needs is cut short now, not when the rollback reaches it (R4: concurrent starts
     * are interrupted). One could be left running otherwise: a dependency that stood down while a
     * dependent of this same call, not yet told of the failure, held it.
     */
    void cutShortBelow(Transition transition) {
        var seen = new HashSet<ServiceLife>();
        var pending = new ArrayDeque<ServiceLife>();
        pending.add(life);
        for (ServiceLife each = pending.poll(); each != null; each = pending.poll()) {
            if (!seen.add(each)) {
                continue;
            }
            if (each.state() == State.STARTING && !each.start.heldByALiveStart()) {
                HookJob running = each.start.job();
                if (running.drop()) {
                    each.state(State.CLAIMED);
                    each.start.dropped(transition);
                } else {
                    each.interrupt(running, transition); // once: the rollback asks in vain
                }
            }
            for (ServiceLife[] step : each.steps.steps()) {
                for (ServiceLife dependency : step) {
                    pending.add(dependency);
                }
            }
        }
    }

    /** {@code call} gave up waiting: if nothing else needs this life, it stands down. */
    void withdraw(StartCall<?> call, Transition transition) {
        if (calls != null && calls.remove(call)) {
            standDown(transition);
        }
    }

    /**
     * Nothing waits for this life any more: it stops acquiring and withdraws from its
     * dependencies (which stand down in turn, unless something else needs them); a
     * {@code start()} not begun yet is dropped. One begun is interrupted (it runs on, and
     * {@link #startReturned} decides what follows), unless a live start holds this life and will
     * need it later: its failure would then fail that start too.
     */
    private void standDown(Transition transition) {
        if (hasWaiters() || (calls != null && !calls.isEmpty())) {
            return;
        }
        if (life.state() == State.ACQUIRING) {
            life.state(State.CLAIMED);
            withdrawFromStep(transition);
        } else if (life.state() == State.STARTING) {
            HookJob running = job();
            if (running.drop()) {
                life.state(State.CLAIMED);
                dropped(transition);
            } else if (!heldByALiveStart()) {
                life.interrupt(running, transition);
            }
        }
    }

    /**
     * Whether a start still going holds this life, through dependents that are still to start:
     * it will ask for this life once it reaches the step this life is in.
     */
    private boolean heldByALiveStart() {
        var seen = new HashSet<ServiceLife>();
        var pending = new ArrayDeque<>(life.dependents());
        for (ServiceLife dependent = pending.poll(); dependent != null;
                dependent = pending.poll()) {
            if (!seen.add(dependent)) {
                continue;
            }
            List<StartCall<?>> waiting = dependent.start.calls;
            if (waiting != null && !waiting.isEmpty()) {
                return true;
            }
            if (dependent.state() == State.CLAIMED || dependent.state() == State.ACQUIRING) {
                pending.addAll(dependent.dependents());
            }
        }
        return false;
    }

    /** Leaves the waiters of the step it acquires: each that nothing else needs stands down. */
    private void withdrawFromStep(Transition transition) {
        for (ServiceLife dependency : life.steps.current()) {
            if (dependency.start.removeWaiter(this)) {
                transition.then(dependency.start::standDown);
            }
        }
    }

    /** Its {@code start()} was dropped before it began: as if it had never been called. */
    private void dropped(Transition transition) {
        job = null;
        calledAt = ServiceLife.NEVER;
        calledAfter = null;
        if (transition.debugging()) {
            transition.debug(
                    () -> life.name + ": start() dropped before it began, nothing needs it");
        }
    }
}
