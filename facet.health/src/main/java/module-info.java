/**
 * Health probes for facet, shaped as MicroProfile Health: {@link facet.health.HealthEndpoint}
 * answers {@code /health/started}, {@code /health/live}, {@code /health/ready} and
 * {@code /health} over the JDK's own HTTP server ({@code jdk.httpserver}), and turns readiness
 * down for a drain time before the first {@code stop()} of the tree.
 *
 * <p>API status: experimental until 1.0.
 */
module facet.health {
    requires transitive facet.api;
    requires jdk.httpserver;
    requires static org.jspecify;

    exports facet.health;
}
