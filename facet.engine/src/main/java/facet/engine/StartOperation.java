package facet.engine;

import facet.api.Running;
import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.spi.Latch;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One call of {@code Facet.start}: holds the root until the tree runs (its hold then passes to
 * the {@link Handle}), or fails, or is abandoned (interrupt, cancel, JVM shutdown); then
 * releases it and waits for the rollback to end before the caller hears.
 */
final class StartOperation<S extends Service> implements StopWaiter {

    private enum State { PENDING, STARTED, FAILED, ABANDONED }

    private final Engine engine;
    private final Node root;
    private final S service;
    private final Latch done;
    private final @Nullable CompletableFuture<Running<S>> future;
    private final StopReport rollback;

    // Guarded by the graph's lock.
    private State state = State.PENDING;
    private @Nullable Handle<S> handle;
    private @Nullable Throwable failure;
    /** Abandoned through its future: the caller is gone, the rollback is logged. */
    private boolean callerLeft;

    StartOperation(Engine engine, Node root, S service, Latch done,
            @Nullable CompletableFuture<Running<S>> future) {
        this.engine = engine;
        this.root = root;
        this.service = service;
        this.done = done;
        this.future = future;
        this.rollback = new StopReport(root);
    }

    /** The root runs: the hold becomes a handle. */
    void started(Tx tx) {
        if (state != State.PENDING) {
            return;
        }
        state = State.STARTED;
        var started = new Handle<>(engine, root, service);
        handle = started;
        engine.holdPassed(this, started);
        tx.after(done::open);
        if (future != null) {
            var target = future;
            tx.after(() -> {
                if (!target.complete(started)) { // done by its caller meanwhile: let go again
                    engine.closeInBackground(started);
                }
            });
        }
    }

    /** The root cannot run: release it, then report {@code cause} once the rollback is over. */
    void failed(Throwable cause, Tx tx) {
        if (state == State.PENDING) {
            state = State.FAILED;
            failure = cause;
            engine.note(tx, new EngineEvent.CallFailed(service, cause));
            releaseRoot(tx);
        }
    }

    /** The caller gave up: release the root. A start that already ran is closed instead. */
    @Nullable Handle<S> abandon(Throwable reason, Tx tx) {
        if (state == State.PENDING) {
            state = State.ABANDONED;
            failure = reason;
            engine.note(tx, new EngineEvent.CallFailed(service, reason));
            root.withdraw(this, tx); // what only this start needed stands down at once
            releaseRoot(tx);
        }
        return state == State.STARTED ? handle : null;
    }

    private void releaseRoot(Tx tx) {
        engine.holdReleased(this);
        if (root.release(null, this, null, rollback, tx)) {
            stopped(root, tx);
        }
    }

    /** The rollback is over. */
    @Override
    public void stopped(Node node, Tx tx) {
        rollback.close();
        Throwable cause = failure;
        boolean nobodyWaits = callerLeft;
        tx.after(() -> {
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

    /** Waits for the outcome, as {@code Facet.start}: see {@link Engine#start}. */
    Running<S> join() throws Exception {
        try {
            done.await();
        } catch (InterruptedException interrupted) {
            throw abandonOnInterrupt(interrupted);
        }
        return outcome();
    }

    /** Waits until the start is over, whatever its outcome. */
    void awaitDone() throws InterruptedException {
        done.await();
    }

    private Running<S> outcome() throws Exception {
        record Outcome<S extends Service>(State state, @Nullable Handle<S> handle,
                @Nullable Throwable failure) {}
        Outcome<S> outcome = engine.graph().read(graph -> new Outcome<>(state, handle, failure));
        if (outcome.state() == State.STARTED && outcome.handle() != null) {
            return outcome.handle();
        }
        Throwable cause = outcome.failure();
        if (cause == null) {
            throw new IllegalStateException("start of " + root.name + " ended in " + outcome.state());
        }
        throw Failures.checked(cause);
    }

    /** Stops what this start started, then hands back the interrupt, status kept. */
    private InterruptedException abandonOnInterrupt(InterruptedException interrupted) {
        Handle<S> started = engine.graph().transact(engine, tx -> abandon(interrupted, tx));
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
        Throwable cause = engine.graph().read(graph -> failure);
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
                engine.graph().transact(engine, tx -> {
                    callerLeft = true;
                    return abandon(thrown, tx);
                });
            }
        });
    }

    @Override
    public String toString() {
        return "start of " + root.name;
    }
}
