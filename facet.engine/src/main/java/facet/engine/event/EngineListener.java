package facet.engine.event;

/**
 * Hears every {@link EngineEvent} of an engine: for the testkit's journal, so that the rules can
 * be checked on any graph, a user's own services included. Never called under the engine's
 * lock; a listener must not throw.
 */
@FunctionalInterface
public interface EngineListener {

    /** Hears nothing: with it, the engine makes no event objects at all. */
    EngineListener NONE = event -> { };

    /**
     * Something happened.
     *
     * @param event what
     */
    void onEvent(EngineEvent event);
}
