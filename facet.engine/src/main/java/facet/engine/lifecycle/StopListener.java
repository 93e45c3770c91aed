package facet.engine.lifecycle;

/**
 * Whoever released a life last, and hears when its stop is over: the stop of a dependent, a
 * start call rolling back, a close.
 */
interface StopListener {

    /**
     * The stop of {@code life} is over: finished, or given up at its deadline. Called once,
     * under the lock.
     */
    void stopped(ServiceLife life, Transition transition);
}
