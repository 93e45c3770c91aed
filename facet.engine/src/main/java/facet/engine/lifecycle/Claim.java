package facet.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import facet.api.Running;
import facet.api.Service;
import facet.api.spi.ServiceNames;
import facet.engine.graph.GraphReader;
import facet.engine.spi.Latch;
import facet.engine.work.Job;
import facet.engine.work.Worker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What one start call claims: the graph under its root, read (user code, no lock) and then
 * claimed in one transition if nothing changed meanwhile; a service of it still stopping from an
 * earlier life is waited for first.
 */
final class Claim<S extends Service> {

    /** A try at claiming: the start call, or a service still stopping to wait for first. */
    private record Attempt<S extends Service>(@Nullable StartCall<S> call,
            @Nullable Latch stopping) {}

    private final Orchestrator orchestrator;
    private final S root;
    private final @Nullable CompletableFuture<Running<S>> future;
    /** What every try of this start read: user code is called once per start. */
    private final GraphReader.Visits visits = new GraphReader.Visits();

    Claim(Orchestrator orchestrator, S root, @Nullable CompletableFuture<Running<S>> future) {
        this.orchestrator = orchestrator;
        this.root = requireNonNull(root, "service");
        this.future = future;
    }

    /** Claims, waiting for each stop in the way first. */
    StartCall<S> claim() throws InterruptedException {
        return claimAfter(attempt());
    }

    /**
     * Claims at once if nothing is in the way; else a job of the engine waits for the stops in
     * the way, and a failure reaches the future.
     */
    void claimInBackground(CompletableFuture<Running<S>> target) {
        Attempt<S> first = attempt();
        if (first.call() != null) {
            return;
        }
        var waiting = new Job("facet-start-" + ServiceNames.name(root), Job.Kind.ENGINE,
                orchestrator.workers) {
            @Override
            protected void call() throws InterruptedException {
                var unused = claimAfter(first);
            }

            @Override
            protected void returned(@Nullable Throwable thrown, long order,
                    @Nullable Worker reporter) {
                orchestrator.transact(reporter, order, transition -> {
                    if (thrown != null) {
                        transition.after(() -> target.completeExceptionally(thrown));
                    }
                    return null;
                });
            }
        };
        orchestrator.transact(transition -> {
            transition.fork(waiting);
            return null;
        });
    }

    /** Waits for the stop in the way of {@code first}, and tries again, until it claims. */
    private StartCall<S> claimAfter(Attempt<S> first) throws InterruptedException {
        Attempt<S> attempt = first;
        while (attempt.call() == null) {
            requireNonNull(attempt.stopping()).await();
            attempt = attempt();
        }
        return attempt.call();
    }

    /** Reads, then claims under the lock; reads again while the graph changed meanwhile. */
    private Attempt<S> attempt() {
        while (true) {
            GraphReader.Reading reading = GraphReader.read(root, visits, IsLive.CHECK);
            Attempt<S> attempt = orchestrator.transact(new ClaimUnderLock(reading));
            if (attempt != null) {
                return attempt;
            }
        }
    }

    /**
     * Whether a service is live, read without the lock: which engine it lives on is checked under
     * it, in the claim (a class: see the package's notes).
     */
    private static final class IsLive implements Predicate<Service> {

        static final IsLive CHECK = new IsLive();

        @Override
        public boolean test(Service service) {
            ServiceLife life = LiveServices.GLOBAL.find(service);
            return life != null && !life.state().stopping();
        }
    }

    /** The transition of a claim (a class: see the package's notes). */
    private final class ClaimUnderLock implements Function<Transition, @Nullable Attempt<S>> {

        private final GraphReader.Reading reading;

        ClaimUnderLock(GraphReader.Reading reading) {
            this.reading = reading;
        }

        @Override
        public @Nullable Attempt<S> apply(Transition transition) {
            return claimUnderLock(reading, transition);
        }
    }

    /** {@code null}: the graph changed since it was read; read again. */
    private @Nullable Attempt<S> claimUnderLock(GraphReader.Reading reading,
            Transition transition) {
        LiveServices table = LiveServices.GLOBAL;
        orchestrator.checkNotShuttingDown(reading.rootName());
        // with nothing live, none of them can have started since the read: no lookup each
        List<GraphReader.Snapshot> mayHaveStarted = table.isEmpty() ? List.of() : reading.claim();
        for (GraphReader.Snapshot snapshot : mayHaveStarted) {
            ServiceLife earlier = table.get(snapshot.service());
            if (earlier != null) {
                orchestrator.checkOwns(earlier);
                if (!earlier.state().stopping()) {
                    return null; // claimed by another start meanwhile
                }
                if (earlier.stopGivenUp()) {
                    throw new IllegalStateException("cannot start " + earlier.name
                            + ": its previous stop timed out and has not returned");
                }
                CircularWait.checkStopping(reading.rootName(), earlier);
                Latch over = earlier.overLatch();
                return over == null ? null : new Attempt<>(null, over); // over: read again
            }
        }
        var live = new ServiceLife[reading.live().size()];
        for (int index = 0; index < live.length; index++) {
            ServiceLife life = table.get(reading.live().get(index));
            if (life == null || life.state().stopping()) {
                return null;
            }
            orchestrator.checkOwns(life);
            live[index] = life;
        }
        CircularWait.checkLive(reading, table);
        var claimed = new ServiceLife[reading.claim().size()];
        for (int index = 0; index < claimed.length; index++) {
            var life = new ServiceLife(orchestrator, reading.claim().get(index));
            claimed[index] = life;
            table.put(life);
        }
        for (int index = 0; index < claimed.length; index++) {
            claimed[index].link(resolve(reading.links().get(index), claimed, live));
        }
        ServiceLife rootLife = claimed.length > 0 ? claimed[0] : live[0];
        rootLife.hold();
        var call = new StartCall<>(orchestrator, rootLife, root, future, transition.now());
        orchestrator.holdTaken(call);
        CompletableFuture<Running<S>> target = future;
        if (target != null) {
            transition.after(() -> call.abandonWithFuture(target));
        }
        for (ServiceLife life : claimed) {
            life.start.failIfDependencyFailed(transition);
        }
        rootLife.start.awaitRunning(call, transition);
        return new Attempt<>(call, null);
    }

    /** The declared steps, as the lives they name: found by where the read put them. */
    private static ServiceLife[][] resolve(int[][] links, ServiceLife[] claimed,
            ServiceLife[] live) {
        if (links.length == 0) {
            return StepCursor.NO_STEPS;
        }
        var resolved = new ServiceLife[links.length][];
        for (int step = 0; step < resolved.length; step++) {
            int[] services = links[step];
            resolved[step] = new ServiceLife[services.length];
            for (int at = 0; at < services.length; at++) {
                int where = services[at];
                resolved[step][at] = where >= 0 ? claimed[where] : live[~where];
            }
        }
        return resolved;
    }
}
