package facet.micrometer;

import facet.api.Facet;
import facet.api.Service;
import io.micrometer.core.instrument.MeterRegistry;

/** The compiled examples of the javadoc of {@link FacetMetrics} and of its package. */
final class FacetMetricsSnippets {

    /** The service the example runs. */
    static final class Application implements Service {}

    private FacetMetricsSnippets() {}

    static void bind(MeterRegistry registry) throws Exception {
        // @start region=bind
        try (var metrics = new FacetMetrics()) {
            metrics.bindTo(registry);   // or let your framework bind it: it is a MeterBinder
            Facet.run(new Application());
        }
        // @end
    }
}
