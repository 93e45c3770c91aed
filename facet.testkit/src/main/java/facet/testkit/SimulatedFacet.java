package facet.testkit;

import facet.api.Running;
import facet.api.Service;
import facet.engine.Engine;
import java.util.concurrent.CompletableFuture;

/**
 * {@link facet.api.Facet}, inside a {@link Simulation}: the same calls, on the simulation's
 * engine and deterministic backend. A scenario receives one; use it only inside the scenario.
 */
public final class SimulatedFacet {

    private final Engine engine;

    SimulatedFacet(Engine engine) {
        this.engine = engine;
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
        return engine.start(service);
    }

    /**
     * As {@link facet.api.Facet#startAsync(Service)}.
     *
     * @param service the root
     * @param <S> its type
     * @return a future of the hold
     */
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        return engine.startAsync(service);
    }

    /**
     * As {@link facet.api.Facet#run(Service)}.
     *
     * @param service the root
     * @throws Exception as {@link Service#run()}
     */
    public void run(Service service) throws Exception {
        engine.run(service);
    }
}
