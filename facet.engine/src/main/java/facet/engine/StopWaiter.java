package facet.engine;

/** Whoever released a service last and waits for its stop: a dependent, a handle, a start. */
interface StopWaiter {

    /**
     * The stop of {@code node} is over: finished, or given up at its deadline. Called once,
     * under the lock.
     */
    void stopped(Node node, Tx tx);
}
