package facet.engine.lifecycle;

/**
 * What a {@link Transition} runs under its lock, in the order queued, once the step before it
 * returned.
 *
 * <p>The transition comes as an argument, so a life's parts can be steps themselves and queue no
 * object of their own: a {@link ServiceStart} is the request of a dependent, a
 * {@link ServiceStop} its own beginning and then the telling of its end. A start and a stop of
 * every service each queued one such object before (JMH {@code -prof gc}: about 80 bytes per
 * service, and three classes fewer to load at every launch).
 */
@FunctionalInterface
interface Step {

    /**
     * Runs, under the lock, as part of {@code transition}.
     *
     * @param transition the transition that queued it
     */
    void run(Transition transition);
}
