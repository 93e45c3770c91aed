package facet.testkit;

import facet.api.Running;
import facet.api.Service;
import facet.api.spi.ServiceNames;
import facet.engine.Engine;
import facet.engine.FacetCalls;
import java.util.concurrent.CompletableFuture;

/**
 * {@link facet.api.Facet}, inside a {@link Simulation}: the same calls, on the simulation's
 * engine and deterministic backend. A scenario receives one; use it only inside the scenario.
 *
 * <p>With a {@linkplain Simulation#journal(Journal) journal}, every call and how it ended is
 * recorded under the root's name ({@code caller start}, {@code caller started},
 * {@code caller close threw}, ...), and so are the calls on the handles it returns, for
 * {@link Invariants} to check.
 */
public final class SimulatedFacet {

    private final Engine engine;
    private final CallerJournal journal;

    SimulatedFacet(Engine engine, CallerJournal journal) {
        this.engine = engine;
        this.journal = journal;
    }

    /**
     * As {@link facet.api.Facet#start(Service)}.
     *
     * @param service the root
     * @param <S> its type
     * @return a hold on it
     * @throws Exception as {@link facet.api.Facet#start(Service)}
     */
    public <S extends Service> Running<S> start(S service) throws Exception {
        String name = ServiceNames.name(service);
        Running<S> running = journal.call(name, "start", "started", () -> engine.start(service));
        return journal.enabled() ? new JournaledRunning<>(running, journal, name) : running;
    }

    /**
     * As {@link facet.api.Facet#startAsync(Service)}.
     *
     * @param service the root
     * @param <S> its type
     * @return a future of the hold
     */
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        return journal.callAsync(ServiceNames.name(service), "start", "started",
                () -> engine.startAsync(service));
    }

    /**
     * As {@link facet.api.Facet#run(Service)}.
     *
     * @param service the root
     * @throws Exception as {@link Service#run()}
     */
    public void run(Service service) throws Exception {
        journal.call(ServiceNames.name(service), "run", "ran", () -> engine.run(service));
    }

    /**
     * This facet as what {@code Facet}'s static calls reach on the engine's strands: a hook that
     * starts a tree of its own is journaled as the scenario's calls are, so the checker sees
     * every call.
     */
    FacetCalls asStrandCalls() {
        var self = this;
        return new FacetCalls() {
            @Override
            public <S extends Service> Running<S> start(S service) throws Exception {
                return self.start(service);
            }

            @Override
            public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
                return self.startAsync(service);
            }

            @Override
            public void run(Service service) throws Exception {
                self.run(service);
            }
        };
    }
}
