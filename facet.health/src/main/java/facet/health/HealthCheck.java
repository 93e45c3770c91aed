package facet.health;

/**
 * A check of one thing the application needs (a connection pool, a queue's backlog), run on
 * every request to a probe it counts for. Register it by name with
 * {@link HealthEndpoint#livenessCheck(String, HealthCheck)} or
 * {@link HealthEndpoint#readinessCheck(String, HealthCheck)}; or let a service of the endpoint's
 * tree implement it: while that service runs, it is a readiness check under the service's name,
 * joined with the service's own check (unless a check of that name is registered, which then
 * counts instead).
 *
 * {@snippet file=facet/health/HealthEndpointSnippets.java region=serviceCheck}
 *
 * {@snippet file=facet/health/HealthEndpointSnippets.java region=checks}
 *
 * <p>A check runs on a thread of the endpoint, never on the thread of the request. One that
 * returns {@code false}, throws, or has not answered within the endpoint's
 * {@linkplain HealthEndpoint#checkTimeout(Duration) check timeout} is DOWN; what it threw is
 * never shown to the client. A check still running from an earlier request is not started
 * again: the new request waits for that run, so a check that hangs holds one thread, not one per
 * request. It must be thread-safe, and should be quick.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Checks.
     *
     * @return {@code true} if UP, {@code false} if DOWN
     * @throws Exception any failure, which counts as DOWN
     */
    boolean check() throws Exception;
}
