/**
 * Micrometer metrics for facet's lifecycle: bind a {@link facet.micrometer.FacetMetrics} to a
 * {@code MeterRegistry}, and each service's starts and stops are timed, its failed tasks counted,
 * and the services running gauged.
 *
 * {@snippet file=facet/micrometer/FacetMetricsSnippets.java region=bind}
 *
 * <p>API status: experimental until 1.0.
 */
@NullMarked
package facet.micrometer;

import org.jspecify.annotations.NullMarked;
