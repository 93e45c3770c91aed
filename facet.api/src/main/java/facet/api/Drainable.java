package facet.api;

/**
 * A service with something to do before the services around it stop: turn a readiness probe
 * DOWN and give the load balancers time to see it, deregister from service discovery, refuse
 * new work. Implement it beside {@link Service}:
 *
 * {@snippet file=facet/api/DrainableSnippets.java region=registration}
 *
 * <p>Before a service's {@code stop()} is called, facet drains every running service of that
 * service's tree (the service itself and everything it depends on, transitively) that
 * implements this interface and was not drained since it started. So every drain of a tree has
 * returned before its first {@code stop()}, the root's, is called, whatever began the stop: a
 * {@code close()}, a crash, the JVM's shutdown. Each is drained once per start: a service
 * shared with another root that keeps running is drained all the same, as the first of its
 * roots stops; a stop of another root that finds that drain still under way waits for it to
 * return, past its own deadline if need be. A service whose start failed, or a tree whose root
 * never ran (a start rolled back), is not drained: nothing was serving.
 *
 * <p>The drains run on the thread that then calls that {@code stop()}, one after the other,
 * the service itself first, then its tree breadth first, as {@link Facet#dump()} draws it. The
 * {@link LifecycleEvent.Stopping} of that service is told after them, as its {@code stop()} is
 * called, and the duration of its {@code Stopped} leaves them out. Their time counts within the
 * graceful shutdown timeout of the service whose {@code stop()} they precede, and at its
 * deadline they are interrupted as that {@code stop()} would be. A drain that throws fails that
 * stop: the other drains and the {@code stop()} run all the same, and the failure reaches
 * {@code close()} as a failure of that stop, under the {@code stop()}'s own if it threw too. A
 * drain that waits with {@link Facet#sleep(java.time.Duration)} waits in virtual time in a
 * test's simulation.
 */
@FunctionalInterface
public interface Drainable {

    /**
     * Stops taking new work, and returns once the rest of the tree may stop. Called by the
     * engine, at most once per start of the service, never by you.
     *
     * @throws Exception any failure: it fails the stop this drain came before, and nothing else
     */
    void drain() throws Exception;
}
