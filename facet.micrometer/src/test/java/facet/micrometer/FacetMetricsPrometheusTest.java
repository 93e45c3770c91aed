package facet.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Dependencies;
import facet.api.Facet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a Prometheus server scrapes from a {@link PrometheusMeterRegistry}: the README shows the
 * lines of this test's run.
 */
@SuppressWarnings("try") // Running.close() may throw InterruptedException
@Timeout(value = 30, unit = TimeUnit.SECONDS) // the services start on other threads
class FacetMetricsPrometheusTest {

    @Test
    void theScrapeShowsEveryMeterByServiceAndOutcome() throws Exception {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var release = new CountDownLatch(1);
        var db = TestService.named("db");
        var worker = TestService.named("worker").startsATaskThatFails(release, "lost the queue");
        var app = TestService.named("app").dependsOn(Dependencies.of(db, worker));
        var cache = TestService.named("cache").onStart(() -> {
            throw new IOException("no memory");
        });

        String scrape;
        try (var metrics = new FacetMetrics()) {
            metrics.bindTo(registry);
            try (var running = Facet.start(app)) {
                assertThat(registry.scrape()).contains("\nfacet_services_running 3.0\n");
                release.countDown();
                assertThatThrownBy(running::await).hasMessage("lost the queue");
            }
            assertThatThrownBy(() -> Facet.start(cache)).hasMessage("no memory");
            scrape = registry.scrape();
        }

        assertThat(scrape).as("the scrape:%n%s", scrape).contains(
                "# HELP facet_service_start_seconds How long each service's start() ran\n",
                "# TYPE facet_service_start_seconds summary\n",
                "\nfacet_service_start_seconds_count{outcome=\"failed\",service=\"cache\"} 1\n",
                "\nfacet_service_start_seconds_count{outcome=\"started\",service=\"app\"} 1\n",
                "\nfacet_service_start_seconds_count{outcome=\"started\",service=\"db\"} 1\n",
                "\nfacet_service_start_seconds_count{outcome=\"started\",service=\"worker\"} 1\n",
                "# HELP facet_service_stop_seconds How long each service's stop() ran\n",
                "# TYPE facet_service_stop_seconds summary\n",
                "\nfacet_service_stop_seconds_count{outcome=\"stopped\",service=\"app\"} 1\n",
                "\nfacet_service_stop_seconds_count{outcome=\"stopped\",service=\"db\"} 1\n",
                "\nfacet_service_stop_seconds_count{outcome=\"stopped\",service=\"worker\"} 1\n",
                "# HELP facet_task_failures_total Tasks of each service that failed"
                        + " (not by cancellation)\n",
                "# TYPE facet_task_failures_total counter\n",
                "\nfacet_task_failures_total{service=\"worker\"} 1.0\n",
                "# HELP facet_services_running Services started and not yet stopping,"
                        + " seen since bound\n",
                "# TYPE facet_services_running gauge\n",
                "\nfacet_services_running 0.0\n");
        assertThat(scrape).as("the scrape:%n%s", scrape)
                .containsPattern("\nfacet_service_start_seconds_sum\\{outcome=\"started\","
                        + "service=\"db\"\\} [0-9.E-]+\n")
                .containsPattern("\nfacet_service_stop_seconds_sum\\{outcome=\"stopped\","
                        + "service=\"db\"\\} [0-9.E-]+\n");
        assertThat(scrape.lines().filter(line -> line.startsWith("facet_service_stop_seconds"))
                .filter(line -> line.contains("cache")))
                .as("a service whose start() threw is not stopped").isEmpty();
    }
}
