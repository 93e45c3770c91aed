package facet.engine.lifecycle;

import facet.api.LifecycleReport;
import facet.api.RootStatus;
import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A hold on a running root: what {@code Facet.start} returns. */
@SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
final class Handle<S extends Service> implements Running<S>, Hold {

    final ServiceLife root;
    private final Orchestrator orchestrator;
    private final S service;
    /** When its start was claimed, on the engine's clock. */
    private final long began;
    /** Guarded by the lock. */
    private boolean closed;

    Handle(Orchestrator orchestrator, ServiceLife root, S service, long began) {
        this.orchestrator = orchestrator;
        this.began = began;
        this.root = root;
        this.service = service;
    }

    @Override
    public S service() {
        return service;
    }

    @Override
    public void await() throws Exception {
        root.awaitExit();
    }

    @Override
    public CompletableFuture<Void> onExit() {
        CompletableFuture<Void> exit = LiveServices.GLOBAL.locked(table -> root.onExit());
        Crash crash = root.crash();
        if (crash != null && exit.isCompletedExceptionally()) {
            try {
                crash.awaitLogged(); // failed with a crash decided before this call
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt(); // the wait ends; onExit() throws nothing: kept
            }
        }
        return exit.copy();
    }

    @Override
    public LifecycleReport report() {
        return LiveServices.GLOBAL.locked(table -> ReportReader.read(root, began));
    }

    /**
     * An interrupt status already set on entry (an interrupted {@code await()} before a
     * try-with-resources closes) was reported already: it does not cut the stop short, and it is
     * set again on return. An interrupt during the wait ends the wait.
     */
    @Override
    public void close() throws Exception {
        boolean pending = Thread.interrupted();
        try {
            CloseCall call = orchestrator.transact(new Release(null));
            if (call != null) {
                call.await();
            } else {
                Crash crash = root.crash(); // not the last hold: nothing else to say
                if (crash != null) {
                    try {
                        crash.awaitLogged();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt(); // kept, as for the last hold's close
                        throw interrupted;
                    }
                    if (crash.claimForClose()) {
                        throw Failures.checked(crash.failure);
                    }
                }
            }
        } finally {
            if (pending) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void releaseOnShutdown() throws Exception {
        close();
    }

    /** Closes a handle nobody waits for (a start cancelled as it succeeded); logs failures. */
    void closeInBackground() {
        orchestrator.transact(new Release("stop of " + root.name));
    }

    /** The transition of a release (a class: see the package's notes). */
    private final class Release implements Function<Transition, @Nullable CloseCall> {

        private final @Nullable String logAs;

        Release(@Nullable String logAs) {
            this.logAs = logAs;
        }

        @Override
        public @Nullable CloseCall apply(Transition transition) {
            return release(logAs, transition);
        }
    }

    /** Lets go of the root, once: the close that waits for its stop, if it was the last hold. */
    private @Nullable CloseCall release(@Nullable String logAs, Transition transition) {
        if (closed) {
            return null;
        }
        closed = true;
        orchestrator.holdReleased(this, transition);
        var call = new CloseCall(root, logAs);
        if (root.release(null, call, null, call.report, transition)) {
            return null; // held by another handle or call: nothing stops
        }
        orchestrator.closingBegins(call);
        return call;
    }

    @Override
    public ServiceLife root() {
        return root;
    }

    @Override
    public String kind() {
        return "running";
    }

    @Override
    public RootStatus status() {
        return new RootStatus(service, root.name, RootStatus.State.RUNNING,
                root.crash() != null);
    }

    @Override
    public String toString() {
        return "Running[" + root.name + "]";
    }
}
