package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.testkit.Action;
import facet.testkit.Simulation;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Facet.dump()}: every root held, oldest first, each service with its state, at one
 * moment; in a simulation, that simulation's roots.
 */
@SuppressWarnings("try") // holds kept for a block, not used in it
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DumpTest extends Graphs {

    @Test
    void eachHeldRootIsDrawnWithTheStateOfEachService() throws Exception {
        var db = service("db");
        var cache = service("cache").dependsOn(Dependencies.of(db));
        var api = service("api").dependsOn(Dependencies.of(cache).then(db));
        var slow = service("slow").onStart(Action.sleep(Duration.ofHours(1)));

        String pictures = Simulation.seeded(1).run(facet -> {
            String none = Facet.dump();
            try (var running = facet.start(api)) {
                var starting = facet.startAsync(slow);
                Facet.sleep(Duration.ofMinutes(1)); // slow's start() runs by then
                String both = Facet.dump();
                starting.get().close();
                return none + both;
            }
        }).orThrow();

        assertThat(pictures).isEqualTo("""
                facet: 0 roots held
                facet: 2 roots held, oldest first
                running: api (running)
                +- 1: cache (running)
                |  \\- 1: db (running)
                \\- 2: db (running) (above)
                a start under way: slow (starting)
                """);
    }

    @Test
    void theJvmsRootsAreDrawnOffAnySimulation() throws Exception {
        var db = service("dump-db");
        try (var running = Facet.start(db)) {
            assertThat(Facet.dump()).contains("running: dump-db (running)\n");
        }
        assertThat(Facet.dump()).doesNotContain("dump-db");
    }
}
