package facet.engine.event;

/**
 * Hears every {@link EngineEvent} of an engine: for the testkit's journal, so that the rules can
 * be checked on any graph, a user's own services included. Never called under the engine's
 * lock; a listener must not throw.
 */
@FunctionalInterface
public interface EngineListener {

    /**
     * Hears nothing: with it, the engine makes no event objects at all. A class, not a lambda:
     * every engine reads it as it is made, and a lambda's class is spun at run time, at launch.
     */
    EngineListener NONE = new EngineListener() {
        @Override
        public void onEvent(EngineEvent event) {}

        @Override
        public String toString() {
            return "EngineListener.NONE";
        }
    };

    /**
     * Something happened.
     *
     * @param event what
     */
    void onEvent(EngineEvent event);
}
