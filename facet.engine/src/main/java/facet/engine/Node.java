package facet.engine;

import static java.util.Objects.requireNonNull;

import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.spi.Latch;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One life of a service: claimed by a start, running, stopped. A restart is a new node.
 *
 * <p>All fields but the final ones and {@link #crash} are guarded by the graph's lock; every
 * method taking a {@link Tx} runs under it. The start walks the steps of the snapshot; the stop
 * walks a fixed sequence of stages. Both are driven by events (a dependency running, a hook
 * returning, a task ending, a dependency stopped), so no thread ever waits inside the engine.
 *
 * <p>A node holds each of its dependencies from its claim until its stop releases them; a
 * dependency stops when its last holder (a node, a handle, a start) releases it.
 *
 * <p>A node starts only while something needs it: a start waiting for it, or a dependent
 * waiting for the step it is in ({@code operations} and {@code waiters}). When the last of
 * them goes (it failed, or gave up), the node stands down at once: it withdraws from its own
 * dependencies, and a {@code start()} not begun yet is dropped, one begun is interrupted. So
 * once a start has failed, no {@code start()} begins on its behalf (R4), while what another
 * start still needs goes on.
 */
final class Node implements StopWaiter {

    /** Where this life is. */
    enum Phase {
        /** Claimed; no dependent has asked for it yet. */
        WAITING,
        /** Starting its dependencies, step by step. */
        ACQUIRING,
        /** Its {@code start()} runs. */
        STARTING,
        /** It cannot become running: its start, a dependency's, or a task failed. */
        FAILED,
        RUNNING,
        /** Released by its last holder; its stop walks the stages. */
        STOPPING
    }

    private enum StartHook { NOT_CALLED, CALLED, RETURNED, THREW }

    private enum Stage { CANCELLING_START, STOPPING, CANCELLING_TASKS, RELEASING, DONE }

    private static final Node[][] NO_STEPS = new Node[0][];

    final Engine engine;
    final Service service;
    final String name;
    final long timeoutNanos;
    private volatile @Nullable Crash crash;

    // Made on first use, under the lock: most lives are never awaited.
    /** Opens once this life is over, its stop given up, or its stack crashed. */
    private @Nullable Latch exited;
    /** Opens once this life is over or its stop given up: a restart may then go on. */
    private @Nullable Latch stopOver;
    private @Nullable CompletableFuture<Void> onExit;
    private boolean hasExited;
    private boolean isOver;

    private Node[][] steps = NO_STEPS;
    private Phase phase = Phase.WAITING;
    private StartHook startHook = StartHook.NOT_CALLED;
    private int holds;
    private int stepIndex;
    private int pending;
    private @Nullable Throwable failure;
    /** What its own {@code start()} threw: told to whoever stops it, if nobody took it. */
    private @Nullable Throwable startFailure;
    private @Nullable Run startRun;
    // Made on first use: most nodes have one dependent waiting, and only roots have starts.
    private @Nullable List<Node> waiters;
    private @Nullable List<StartOperation<?>> operations;
    // Most services have one dependent and no task: sets are made when needed.
    private @Nullable Node dependent;
    private @Nullable LinkedHashSet<Node> moreDependents;
    private @Nullable TaskList tasks;
    // Deadline links the nodes stopping under it through these; guarded by the lock.
    @Nullable Node previousMember;
    @Nullable Node nextMember;
    private @Nullable String taskRunName;
    private @Nullable Stop stop;

    /** The stop, once begun. */
    private static final class Stop {
        final StopWaiter waiter;
        final StopReport report;
        final Deadline deadline;
        Stage stage = Stage.CANCELLING_START;
        int pending;
        int stepIndex;
        boolean waiterNotified;
        /** Its deadline passed while it was still stopping: nobody waits for it any more. */
        boolean givenUp;
        @Nullable Run stopRun;

        Stop(StopWaiter waiter, StopReport report, Deadline deadline) {
            this.waiter = waiter;
            this.report = report;
            this.deadline = deadline;
        }
    }

    Node(Engine engine, GraphReader.Snapshot snapshot) {
        this.engine = engine;
        this.service = snapshot.service();
        this.name = snapshot.name();
        this.timeoutNanos = snapshot.timeoutNanos();
    }

    Phase phase() {
        return phase;
    }

    boolean running() {
        return phase == Phase.RUNNING;
    }

    /** The failure of the task that crashed this service's stack, if one did. */
    @Nullable Crash crash() {
        return crash;
    }

    /** A latch that opens once this life exits; {@code null} if it has. Call under the lock. */
    @Nullable Latch exitedLatch() {
        if (hasExited) {
            return null;
        }
        if (exited == null) {
            exited = engine.backend().newLatch();
        }
        return exited;
    }

    /**
     * A latch that opens once this life is over or its stop given up; {@code null} if it is.
     * Call under the lock.
     */
    @Nullable Latch stopOverLatch() {
        if (isOver) {
            return null;
        }
        if (stopOver == null) {
            stopOver = engine.backend().newLatch();
        }
        return stopOver;
    }

    /** Completes as this life exits: with its crash, if it crashed. Call under the lock. */
    CompletableFuture<Void> onExit() {
        CompletableFuture<Void> future = onExit;
        if (future == null) { // nothing depends on it yet: completing it here runs no code
            future = new CompletableFuture<>();
            Crash crashed = crash;
            if (crashed != null) {
                future.completeExceptionally(crashed.failure);
            } else if (hasExited) {
                future.complete(null);
            }
            onExit = future;
        }
        return future;
    }

    /** Whether the stop went past its deadline and is still going. */
    boolean stopGivenUp() {
        return stop != null && stop.givenUp && stop.stage != Stage.DONE;
    }

    StopReport report() {
        return stop().report;
    }

    /**
     * The timeout as a person reads it: {@code 10s}, {@code 250ms}. Only an expired deadline
     * asks, so never for an unbounded timeout: its deadline saturates and never goes off.
     */
    String timeoutText() {
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    // ---------------------------------------------------------------- claim

    /** Its dependencies, step by step, as claimed. Call under the lock; do not change. */
    Node[][] steps() {
        return steps;
    }

    /** Wires this new node to its dependencies: it holds each until its stop releases it. */
    void link(Node[][] resolved) {
        steps = resolved;
        for (Node[] step : resolved) {
            for (Node dependency : step) {
                dependency.holds++;
                dependency.addDependent(this);
            }
        }
    }

    private void addWaiter(Node dependent) {
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        }
        waiters.add(dependent);
    }

    @SuppressWarnings("ReferenceEquality") // nodes are identities
    private void addDependent(Node node) {
        if (dependent == null || dependent == node) {
            dependent = node;
        } else {
            if (moreDependents == null) {
                moreDependents = new LinkedHashSet<>();
            }
            moreDependents.add(node);
        }
    }

    @SuppressWarnings("ReferenceEquality") // nodes are identities
    private void removeDependent(Node node) {
        if (dependent == node) {
            dependent = null;
        } else if (moreDependents != null) {
            moreDependents.remove(node);
        }
    }

    /** The nodes that hold this one, for the rare walks up the graph (failure, crash). */
    private List<Node> dependents() {
        var all = new ArrayList<Node>();
        if (dependent != null) {
            all.add(dependent);
        }
        if (moreDependents != null) {
            all.addAll(moreDependents);
        }
        return all;
    }

    /** Cancels the tasks still running: the engine's cancel (the service stops). */
    private void cancelRunningTasks(Tx tx) {
        if (tasks != null && tasks.size() > 0) {
            engine.note(tx, new EngineEvent.CancellingTasks(service));
            for (TaskFuture<?> task : tasks) {
                task.cancel(tx);
            }
        }
    }

    /** One more holder that is not a node: a start, a handle. */
    void hold() {
        holds++;
    }

    /**
     * A dependency failed, or crashed, before this node was claimed: it fails at once, with
     * that failure, and nothing else starts. A crashed stack is not built on (R6).
     */
    void failIfDependencyFailed(Tx tx) {
        for (Node[] step : steps) {
            for (Node dependency : step) {
                Crash crashed = dependency.crash;
                if (dependency.phase == Phase.FAILED) {
                    fail(requireNonNull(dependency.failure), tx);
                    return;
                }
                if (crashed != null && dependency.phase == Phase.RUNNING) {
                    fail(crashed.failure, tx);
                    return;
                }
            }
        }
    }

    /** {@code operation} waits for this node to run; asks for the start if nobody did. */
    void awaitStart(StartOperation<?> operation, Tx tx) {
        switch (phase) {
            case RUNNING -> operation.started(tx);
            case FAILED -> operation.failed(requireNonNull(failure), tx);
            default -> {
                if (operations == null) {
                    operations = new ArrayList<>(1);
                }
                operations.add(operation);
                request(tx);
            }
        }
    }

    /** {@code operation} gave up waiting: if nothing else needs this node, it stands down. */
    void withdraw(StartOperation<?> operation, Tx tx) {
        if (operations != null && operations.remove(operation)) {
            standDown(tx);
        }
    }

    // ---------------------------------------------------------------- start

    /** Whether a start or a dependent still waits for this node to run. */
    private boolean needed() {
        return (waiters != null && !waiters.isEmpty())
                || (operations != null && !operations.isEmpty());
    }

    /**
     * Nothing waits for this node any more: it stops acquiring and withdraws from its
     * dependencies (which stand down in turn, unless something else needs them); a
     * {@code start()} not begun yet is dropped. One begun is interrupted (it runs on, and
     * {@link #startReturned} decides what follows), unless a live start holds this node and
     * will need it later: its failure would then fail that start too.
     */
    private void standDown(Tx tx) {
        if (needed()) {
            return;
        }
        switch (phase) {
            case ACQUIRING -> {
                phase = Phase.WAITING;
                withdrawFromStep(tx);
            }
            case STARTING -> {
                Run run = requireNonNull(startRun);
                if (run.drop()) {
                    phase = Phase.WAITING;
                    dropped(tx);
                } else if (!heldByALiveStart()) {
                    interrupt(run, Hook.START, tx);
                }
            }
            default -> { }
        }
    }

    /**
     * Whether a start still going holds this node, through dependents that are still to start:
     * it will ask for this node once it reaches the step this node is in.
     */
    private boolean heldByALiveStart() {
        var seen = new HashSet<Node>();
        var pendingNodes = new ArrayDeque<>(dependents());
        for (Node node = pendingNodes.poll(); node != null; node = pendingNodes.poll()) {
            if (!seen.add(node)) {
                continue;
            }
            if (node.operations != null && !node.operations.isEmpty()) {
                return true;
            }
            if (node.phase == Phase.WAITING || node.phase == Phase.ACQUIRING) {
                pendingNodes.addAll(node.dependents());
            }
        }
        return false;
    }

    /** Leaves the waiters of the step being acquired: each that nothing else needs stands down. */
    private void withdrawFromStep(Tx tx) {
        for (Node dependency : steps[stepIndex]) {
            List<Node> waiting = dependency.waiters;
            if (waiting != null && waiting.remove(this)) {
                tx.then(() -> dependency.standDown(tx));
            }
        }
    }

    /** Its {@code start()} was dropped before it began: as if it had never been called. */
    private void dropped(Tx tx) {
        startHook = StartHook.NOT_CALLED;
        startRun = null;
        if (tx.debug) {
            engine.debug(tx, () -> name + ": start() dropped before it began, nothing needs it");
        }
    }

    /** A dependent (or a start) asks for this node: its first step begins. */
    private void request(Tx tx) {
        if (phase != Phase.WAITING) {
            return;
        }
        phase = Phase.ACQUIRING;
        stepIndex = 0;
        advance(tx);
    }

    /** Asks for the current step; once every step is running, calls {@code start()}. */
    private void advance(Tx tx) {
        while (stepIndex < steps.length) {
            int waiting = 0;
            for (Node dependency : steps[stepIndex]) {
                switch (dependency.phase) {
                    case RUNNING -> { }
                    case FAILED -> {
                        fail(requireNonNull(dependency.failure), tx);
                        return;
                    }
                    default -> { // WAITING, ACQUIRING or STARTING; never STOPPING: we hold it
                        dependency.addWaiter(this);
                        waiting++;
                        if (dependency.phase == Phase.WAITING) {
                            tx.then(() -> dependency.request(tx));
                        }
                    }
                }
            }
            if (waiting > 0) {
                pending = waiting;
                return;
            }
            stepIndex++;
        }
        phase = Phase.STARTING;
        startHook = StartHook.CALLED;
        var run = new Run("facet-start-" + name, Run.Kind.START, this, engine.workers(),
                engine.observed(service, EngineEvent.Hook.START, service::start), this::startReturned);
        startRun = run;
        if (tx.debug) {
            engine.debug(tx, () -> "starting " + name);
        }
        tx.fork(run);
    }

    private void dependencyRunning(Tx tx) {
        if (phase == Phase.ACQUIRING && --pending == 0) {
            stepIndex++;
            advance(tx);
        }
    }

    private void startReturned(@Nullable Throwable thrown, Tx tx) {
        startHook = thrown == null ? StartHook.RETURNED : StartHook.THREW;
        startFailure = thrown;
        switch (phase) {
            case STARTING -> {
                if (thrown == null) {
                    becomeRunning(tx);
                } else {
                    fail(thrown, tx);
                }
            }
            case FAILED -> { } // the start failed already (a crash): its stop reports the failure
            case STOPPING -> { // abandoned while start() ran, and interrupted
                Stop s = stop();
                if (thrown != null) { // even an interruption: every failure reaches someone
                    s.report.failed(this, Hook.START, thrown, tx);
                }
                if (s.stage == Stage.CANCELLING_START) {
                    if (thrown == null) {
                        callStop(tx);
                    } else {
                        cancelTasks(tx);
                    }
                }
            }
            default -> throw new IllegalStateException(name + ": start() returned in " + phase);
        }
    }

    private void becomeRunning(Tx tx) {
        phase = Phase.RUNNING;
        if (tx.debug) {
            engine.debug(tx, () -> name + " started");
        }
        List<Node> waiting = waiters;
        waiters = null;
        if (waiting != null) {
            for (Node waiter : waiting) {
                waiter.dependencyRunning(tx);
            }
        }
        List<StartOperation<?>> starts = operations;
        operations = null;
        if (starts != null) {
            for (StartOperation<?> operation : starts) {
                operation.started(tx);
            }
        }
    }

    /**
     * This node cannot become running: neither can any dependent still starting, nor any start
     * waiting for it. No {@code start()} is called in that part of the graph from now on.
     */
    private void fail(Throwable cause, Tx tx) {
        if (phase == Phase.RUNNING || phase == Phase.FAILED || phase == Phase.STOPPING) {
            return;
        }
        if (phase == Phase.ACQUIRING) {
            withdrawFromStep(tx);
        } else if (phase == Phase.STARTING) {
            Run run = requireNonNull(startRun);
            if (run.drop()) {
                dropped(tx);
            } else if (startHook == StartHook.CALLED) { // a crash failed it: its start() is cut short
                interrupt(run, Hook.START, tx);
            } // else its own start() threw: that run is over
        }
        phase = Phase.FAILED;
        failure = cause;
        if (tx.debug) {
            engine.debug(tx, () -> name + " failed to start: " + cause);
        }
        waiters = null;
        for (Node dependent : dependents()) {
            tx.then(() -> dependent.fail(cause, tx));
        }
        List<StartOperation<?>> starts = operations;
        operations = null;
        if (starts != null) {
            for (StartOperation<?> operation : starts) {
                operation.failed(cause, tx);
            }
        }
    }

    // ---------------------------------------------------------------- tasks

    /** A new background task of this service; the caller forks it once the lock is released. */
    <T extends @Nullable Object> TaskFuture<T> addTask(Callable<T> task, Tx tx) {
        if (phase == Phase.FAILED || phase == Phase.STOPPING) {
            throw new IllegalStateException(
                    "cannot add a task to " + name + ": it is not starting or running");
        }
        if (taskRunName == null) {
            taskRunName = "facet-task-" + name;
        }
        var future = new TaskFuture<>(this, task, taskRunName);
        if (tasks == null) {
            tasks = new TaskList();
        }
        tasks.add(future);
        tx.fork(future.run);
        return future;
    }

    /** A task returned or threw; {@code cancelled} if it had been cancelled before. */
    void taskFinished(TaskFuture<?> task, @Nullable Throwable thrown, boolean cancelled, Tx tx) {
        if (tasks != null) {
            tasks.remove(task);
        }
        if (thrown != null) {
            if (!cancelled) {
                crashed(thrown, tx);
            } else if (phase == Phase.STOPPING && !Failures.isInterruption(thrown)) {
                // cancelled by the stop, but it failed of itself: a stop failure, not noise (R5)
                stop().report.failed(this, Hook.TASK, thrown, tx);
            } else if (!Failures.isInterruption(thrown)) {
                tx.after(() -> engine.log(Level.DEBUG, service,
                        name + ": a task ended with a failure after it was cancelled", thrown));
            }
        }
        if (phase == Phase.STOPPING) {
            Stop s = stop();
            if (s.stage == Stage.CANCELLING_TASKS && --s.pending == 0) {
                releaseDependencies(tx);
            }
        }
    }

    /**
     * A task of this service failed: the stack crashes. Every running service that depends on
     * this one (transitively) exits with the failure; any still starting fails its start.
     */
    private void crashed(Throwable cause, Tx tx) {
        tx.after(() -> engine.log(Level.ERROR, service,
                name + ": a background task failed; the stack crashes", cause));
        if (phase == Phase.STOPPING) {
            stop().report.failed(this, Hook.TASK, cause, tx);
            return;
        }
        engine.note(tx, new EngineEvent.Crashed(service, cause));
        var shared = new Crash(cause);
        var seen = new HashSet<Node>();
        var pendingNodes = new ArrayDeque<Node>();
        seen.add(this);
        pendingNodes.add(this);
        for (Node node = pendingNodes.poll(); node != null; node = pendingNodes.poll()) {
            switch (node.phase) {
                case RUNNING -> {
                    node.exitCrashed(shared, tx);
                    for (Node dependent : node.dependents()) {
                        if (seen.add(dependent)) {
                            pendingNodes.add(dependent);
                        }
                    }
                }
                case STOPPING -> { }
                default -> node.fail(cause, tx); // still starting: the start fails
            }
        }
    }

    private void exitCrashed(Crash cause, Tx tx) {
        if (crash != null) {
            return;
        }
        crash = cause;
        hasExited = true;
        CompletableFuture<Void> future = onExit;
        Latch latch = exited;
        if (future != null || latch != null) {
            tx.after(() -> {
                if (future != null) {
                    future.completeExceptionally(cause.failure);
                }
                if (latch != null) {
                    latch.open();
                }
            });
        }
    }

    // ---------------------------------------------------------------- stop

    /**
     * {@code holder} lets go of this node ({@code null} for a start or a handle). The last
     * release begins the stop, bounded by a deadline no later than {@code inherited}.
     *
     * @return {@code true} if nothing is left to wait for; else {@code waiter} hears of the stop
     *     in a later step
     */
    boolean release(@Nullable Node holder, StopWaiter waiter, @Nullable Deadline inherited,
            StopReport report, Tx tx) {
        if (holder != null) {
            removeDependent(holder);
        }
        if (--holds > 0) {
            return true;
        }
        phase = Phase.STOPPING;
        stop = new Stop(waiter, report, Deadline.forStop(this, inherited, tx));
        waiters = null;
        if (tx.debug) {
            engine.debug(tx, () -> "stopping " + name);
        }
        tx.then(() -> beginStop(tx)); // later, so the waiter never hears before this returns
        return false;
    }

    private void beginStop(Tx tx) {
        switch (startHook) {
            // begun: a start not begun was dropped as its node stood down, which a last release
            // always follows (every holder that waited for this node withdrew first)
            case CALLED -> interrupt(requireNonNull(startRun), Hook.START, tx); // startReturned goes on
            case RETURNED -> callStop(tx);
            case NOT_CALLED -> cancelTasks(tx);
            case THREW -> {
                // its own failure, if no start took it, is told to whoever stops it
                stop().report.failed(this, Hook.START, requireNonNull(startFailure), tx);
                cancelTasks(tx);
            }
        }
    }

    private void callStop(Tx tx) {
        Stop s = stop();
        s.stage = Stage.STOPPING;
        var run = new Run("facet-stop-" + name, Run.Kind.STOP, this, engine.workers(),
                engine.observed(service, EngineEvent.Hook.STOP, service::stop), this::stopReturned);
        s.stopRun = run;
        tx.fork(run);
    }

    private void stopReturned(@Nullable Throwable thrown, Tx tx) {
        Stop s = stop();
        s.stopRun = null;
        if (thrown != null) {
            s.report.failed(this, Hook.STOP, thrown, tx);
        }
        cancelTasks(tx);
    }

    /** After {@code stop()}: the tasks still running are interrupted and awaited. */
    private void cancelTasks(Tx tx) {
        Stop s = stop();
        s.stage = Stage.CANCELLING_TASKS;
        s.pending = tasks == null ? 0 : tasks.size();
        cancelRunningTasks(tx);
        if (s.pending == 0) {
            releaseDependencies(tx);
        }
    }

    /** Then the dependencies, step by step in reverse, a step's together. */
    private void releaseDependencies(Tx tx) {
        Stop s = stop();
        s.stage = Stage.RELEASING;
        s.stepIndex = steps.length;
        releaseNextStep(tx);
    }

    private void releaseNextStep(Tx tx) {
        Stop s = stop();
        while (--s.stepIndex >= 0) {
            int waiting = 0;
            for (Node dependency : steps[s.stepIndex]) {
                if (!dependency.release(this, this, s.deadline, s.report, tx)) {
                    waiting++;
                }
            }
            if (waiting > 0) {
                s.pending = waiting;
                return;
            }
        }
        finish(tx);
    }

    /** A dependency this node released has stopped. */
    @Override
    public void stopped(Node dependency, Tx tx) {
        Stop s = stop();
        if (s.stage == Stage.RELEASING && --s.pending == 0) {
            releaseNextStep(tx);
        }
    }

    private void finish(Tx tx) {
        Stop s = stop();
        s.stage = Stage.DONE;
        engine.graph().remove(this);
        s.deadline.leave(this, tx);
        if (tx.debug) {
            engine.debug(tx, () -> name + " stopped");
        }
        letWaitersGo(tx);
        notifyWaiter(tx);
    }

    /** The deadline passed: whoever waits for this stop stops waiting. */
    void giveUp(Tx tx) {
        stop().givenUp = true;
        notifyWaiter(tx);
    }

    private void notifyWaiter(Tx tx) {
        Stop s = stop();
        if (!s.waiterNotified) {
            s.waiterNotified = true;
            tx.then(() -> s.waiter.stopped(this, tx));
        }
    }

    /**
     * The deadline passed while this node was still stopping: what is stuck is reported and
     * interrupted, and waiters are let go. The stop goes on when the stuck code returns.
     */
    void abandon(Tx tx) {
        Stop s = stop();
        s.givenUp = s.stage != Stage.DONE;
        switch (s.stage) {
            case CANCELLING_START -> stuck(s, Hook.START, requireNonNull(startRun), tx);
            case STOPPING -> {
                stuck(s, Hook.STOP, requireNonNull(s.stopRun), tx);
                cancelRunningTasks(tx);
            }
            case CANCELLING_TASKS -> {
                if (tasks != null) {
                    for (TaskFuture<?> task : tasks) {
                        stuck(s, Hook.TASK, task.run, tx);
                    }
                }
            }
            case RELEASING, DONE -> { }
        }
        letWaitersGo(tx); // nobody waits past the deadline, though the stop goes on
    }

    /** This life is over, or its stop given up: await, onExit and a pending restart go on. */
    private void letWaitersGo(Tx tx) {
        hasExited = true;
        isOver = true;
        CompletableFuture<Void> future = onExit;
        Latch exitLatch = exited;
        Latch overLatch = stopOver;
        if (future != null || exitLatch != null || overLatch != null) {
            tx.after(() -> {
                if (future != null) {
                    future.complete(null);
                }
                if (exitLatch != null) {
                    exitLatch.open();
                }
                if (overLatch != null) {
                    overLatch.open();
                }
            });
        }
    }

    private void stuck(Stop s, Hook where, Run run, Tx tx) {
        s.report.stuck(this, where, run);
        interrupt(run, where, tx);
    }

    /** Interrupts {@code run}, this node's {@code where}: told to the listener, then done. */
    private void interrupt(Run run, Hook where, Tx tx) {
        engine.note(tx, new EngineEvent.Interrupting(service, where));
        tx.after(run::interrupt);
    }

    private Stop stop() {
        return requireNonNull(stop, "not stopping");
    }
}
