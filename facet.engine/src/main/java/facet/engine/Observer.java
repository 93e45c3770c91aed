package facet.engine;

import facet.api.Service;
import org.jspecify.annotations.Nullable;

/**
 * Hears every hook and task of an engine as it runs: for the testkit's journal, so that the
 * rules can be checked on any graph, a user's own services included. Called on the strand that
 * runs the user code, just before and just after it, never under the engine's lock.
 */
@FunctionalInterface
public interface Observer {

    /** Hears nothing. */
    Observer NONE = (service, event, failure) -> { };

    /**
     * Something happened.
     *
     * @param service the service
     * @param event {@code start}, {@code started}, {@code start failed}, {@code stop},
     *     {@code stopped}, {@code stop failed}, {@code task}, {@code task done} or
     *     {@code task failed}
     * @param failure what the hook or task threw, for the {@code failed} events
     */
    void event(Service service, String event, @Nullable Throwable failure);
}
