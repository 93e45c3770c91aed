/**
 * Micrometer metrics for facet: {@link facet.micrometer.FacetMetrics}, a Micrometer
 * {@code MeterBinder} that times each service's {@code start()} and {@code stop()}, counts
 * failed tasks and gauges the services running, in any {@code MeterRegistry}.
 *
 * <p>API status: experimental until 1.0.
 */
// Micrometer's jars are automatic modules (Automatic-Module-Name: micrometer.core), so javac's
// requires-automatic lints are off for this module (see its pom); its types are in our API.
module facet.micrometer {
    requires transitive facet.api;
    requires transitive micrometer.core;
    requires static org.jspecify;

    exports facet.micrometer;
}
