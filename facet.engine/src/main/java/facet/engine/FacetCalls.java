package facet.engine;

import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code Facet}'s static {@code start}, {@code startAsync} and {@code run} reach when
 * called on a strand of an engine: the engine itself, or a front put before it with
 * {@link Engine#callsFromItsStrands(FacetCalls)}, which ends in it (the testkit journals the
 * calls there as it does a scenario's).
 */
public interface FacetCalls {

    /**
     * As {@code Facet.start}.
     *
     * @param service the root
     * @param <S> its type
     * @return a hold on it
     * @throws Exception as {@code Facet.start}
     */
    <S extends Service> Running<S> start(S service) throws Exception;

    /**
     * As {@code Facet.startAsync}.
     *
     * @param service the root
     * @param <S> its type
     * @return a future of the hold
     */
    <S extends Service> CompletableFuture<Running<S>> startAsync(S service);

    /**
     * As {@code Facet.run}.
     *
     * @param service the root
     * @throws Exception as {@code Service.run}
     */
    void run(Service service) throws Exception;
}
