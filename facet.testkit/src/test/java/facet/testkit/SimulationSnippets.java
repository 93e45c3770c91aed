package facet.testkit;

import facet.api.Facet;
import facet.api.Service;
import java.time.Duration;

/** The compiled example of the javadoc of {@link Simulation}. */
final class SimulationSnippets {

    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    static Simulation.Result<?> fiveMinutes(Service app) throws InterruptedException {
        // @start region=run
        var result = Simulation.seeded(42).run(facet -> {
            try (var running = facet.start(app)) {
                Facet.sleep(Duration.ofMinutes(5));   // virtual: returns at once
            }
            return null;
        });
        // @end
        return result;
    }

    static void startsAndStops(Service app) throws InterruptedException {
        // @start region=orThrow
        Simulation.seeded(42).run(facet -> {
            facet.start(app).close();
            return null;
        }).orThrow();   // fails the test if the application threw, with the line to replay it
        // @end
    }

    static void shrinks(Service app) {
        // @start region=shrink
        Property.forAll(Simulation::seeded)                     // each try: a simulation
                .shrinking(Simulation::shrink)                  // a failure: simpler schedules
                .describedBy(Simulation::replayLine)            // reported as Java
                .check(simulation -> simulation.run(facet -> {
                    facet.start(app).close();
                    return null;
                }).orThrow());
        // @end
    }
}
