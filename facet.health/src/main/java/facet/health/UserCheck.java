package facet.health;

/**
 * A {@link HealthCheck} registered by name, and the probes it counts for.
 *
 * @param name its name in the probes' answers; one check per name in an endpoint
 * @param check the check
 * @param live whether it counts for liveness
 * @param ready whether it counts for readiness
 */
record UserCheck(String name, HealthCheck check, boolean live, boolean ready) {}
