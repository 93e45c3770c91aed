package facet.engine.lifecycle;

import facet.api.JvmShutdownException;
import facet.api.RootStatus;
import facet.api.Running;
import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.spi.Latch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One call of {@code Facet.start}: holds the root until the tree runs (its hold then passes to
 * the {@link Handle}), or fails, or is abandoned (interrupt, cancel, JVM shutdown); then
 * releases it and waits for the rollback to end before the caller hears.
 */
final class StartCall<S extends Service> implements StopListener, Hold {

    private enum State { PENDING, STARTED, FAILED, ABANDONED }

    private final Orchestrator orchestrator;
    private final ServiceLife root;
    private final S service;
    private final Latch done;
    private final @Nullable CompletableFuture<Running<S>> future;
    private final StopReport rollback;
    /** When the start was claimed, on the engine's clock: its report's times count from here. */
    private final long began;

    // Guarded by the lock.
    private State state = State.PENDING;
    private @Nullable Handle<S> handle;
    private @Nullable Throwable failure;
    /** Abandoned through its future: the caller is gone, the rollback is logged. */
    private boolean callerLeft;

    StartCall(Orchestrator orchestrator, ServiceLife root, S service,
            @Nullable CompletableFuture<Running<S>> future, long began) {
        this.orchestrator = orchestrator;
        this.began = began;
        this.root = root;
        this.service = service;
        this.done = orchestrator.backend.newLatch();
        this.future = future;
        this.rollback = new StopReport(root, false);
    }

    /** The root runs: the hold becomes a handle. */
    void started(Transition transition) {
        if (state != State.PENDING) {
            return;
        }
        state = State.STARTED;
        var started = new Handle<>(orchestrator, root, service, began);
        handle = started;
        orchestrator.holdPassed(this, started);
        transition.after(new Hand(started));
    }

    /**
     * The effect of a start that succeeded: wakes its caller, or completes its future (a class:
     * see the package's notes).
     */
    private final class Hand implements Runnable {

        private final Handle<S> started;

        Hand(Handle<S> started) {
            this.started = started;
        }

        @Override
        public void run() {
            done.open();
            if (future != null && !future.complete(started)) { // done by its caller meanwhile
                started.closeInBackground(); // so let go again
            }
        }
    }

    /** The root cannot run: release it, then report {@code cause} once the rollback is over. */
    void failed(Throwable cause, Transition transition) {
        if (state == State.PENDING) {
            state = State.FAILED;
            failure = cause;
            transition.announce(new EngineEvent.CallFailed(service, cause));
            root.start.cutShortBelow(transition);
            releaseRoot(transition);
        }
    }

    /** The caller gave up: release the root. A start that already ran is closed instead. */
    @Nullable Handle<S> abandon(Throwable reason, Transition transition) {
        if (state == State.PENDING) {
            state = State.ABANDONED;
            failure = reason;
            transition.announce(new EngineEvent.CallFailed(service, reason));
            // what only this start needed stands down at once
            root.start.withdraw(this, transition);
            releaseRoot(transition);
        }
        return state == State.STARTED ? handle : null;
    }

    private void releaseRoot(Transition transition) {
        orchestrator.holdReleased(this, transition);
        if (root.release(null, this, null, rollback, transition)) {
            stopped(root, transition);
        }
    }

    /** The rollback is over. */
    @Override
    public void stopped(ServiceLife life, Transition transition) {
        rollback.close();
        Throwable cause = failure;
        boolean nobodyWaits = callerLeft;
        List<Latch> crashLogs =
                cause != null ? orchestrator.crashLogsUnderWay() : List.of();
        transition.after(() -> {
            awaitLogged(crashLogs);
            if (cause != null) {
                if (nobodyWaits) {
                    rollback.log("rollback of the start of " + root.name
                            + ", given up by its caller");
                } else {
                    rollback.attachTo(cause);
                }
            }
            done.open();
            if (future != null && cause != null) {
                future.completeExceptionally(cause);
            }
        });
    }

    /**
     * Waits until the crashes being logged are, so the failure a crash gave this start is never
     * thrown before it is logged. An interrupt ends the wait (a log handler may hang), kept.
     */
    private static void awaitLogged(List<Latch> crashLogs) {
        for (Latch logged : crashLogs) {
            try {
                logged.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits for the outcome, as {@code Facet.start}. */
    Running<S> join() throws Exception {
        Thread caller = orchestrator.waitBegins();
        try {
            try {
                done.await();
            } catch (InterruptedException interrupted) {
                throw abandonOnInterrupt(interrupted);
            }
            return outcome();
        } finally {
            orchestrator.waitEnded(caller);
        }
    }

    /** The JVM shuts down: the start is abandoned, or the tree it started closed. */
    @Override
    public void releaseOnShutdown() throws Exception {
        var reason = new JvmShutdownException(
                "start of " + root.name + " abandoned: the JVM is shutting down");
        Handle<S> raced = orchestrator.transact(transition -> abandon(reason, transition));
        if (raced != null) {
            raced.close();
        } else {
            done.await(); // its caller gets the failures of the rollback
        }
    }

    private Running<S> outcome() throws Exception {
        Outcome<S> outcome = LiveServices.GLOBAL.locked(new ReadOutcome());
        if (outcome.state() == State.STARTED && outcome.handle() != null) {
            return outcome.handle();
        }
        Throwable cause = outcome.failure();
        if (cause == null) {
            throw new IllegalStateException(
                    "start of " + root.name + " ended in " + outcome.state());
        }
        throw Failures.checked(cause);
    }

    /** How the start ended, read under the lock. */
    private record Outcome<S extends Service>(State state, @Nullable Handle<S> handle,
            @Nullable Throwable failure) {}

    /** Reads the outcome (a class: see the package's notes). */
    private final class ReadOutcome implements Function<LiveServices, Outcome<S>> {

        @Override
        public Outcome<S> apply(LiveServices table) {
            return new Outcome<>(state, handle, failure);
        }
    }

    /** Stops what this start started, then hands back the interrupt, status kept. */
    private InterruptedException abandonOnInterrupt(InterruptedException interrupted) {
        Handle<S> started = orchestrator.transact(transition -> abandon(interrupted, transition));
        try {
            if (started != null) {
                started.close();
            } else {
                done.await();
            }
        } catch (InterruptedException again) {
            Failures.suppress(interrupted, again); // interrupted twice: stop waiting
        } catch (Throwable failed) {
            Failures.suppress(interrupted, failed);
        }
        Throwable cause = LiveServices.GLOBAL.locked(table -> failure);
        if (cause != null) { // the start had failed already: keep that failure too
            Failures.suppress(interrupted, cause);
        }
        Thread.currentThread().interrupt();
        return interrupted;
    }

    /**
     * For {@code startAsync}: a future its caller completes exceptionally ({@code cancel},
     * {@code orTimeout}, ...) abandons the start, and its rollback is logged: nobody waits for
     * it. If the start ran already, or the caller completed the future with a value,
     * {@link #started} finds the future done and closes the tree.
     */
    void abandonWithFuture(CompletableFuture<Running<S>> target) {
        var unused = target.whenComplete((started, thrown) -> {
            if (thrown != null) {
                orchestrator.transact(transition -> {
                    callerLeft = true;
                    return abandon(thrown, transition);
                });
            }
        });
    }

    @Override
    public ServiceLife root() {
        return root;
    }

    @Override
    public String kind() {
        return "a start under way";
    }

    @Override
    public RootStatus status() { // held while pending: a failed start lets go as it fails
        return new RootStatus(service, root.name, RootStatus.State.STARTING, false);
    }

    @Override
    public String toString() {
        return "start of " + root.name;
    }
}
