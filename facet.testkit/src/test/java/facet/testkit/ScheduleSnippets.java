package facet.testkit;

import java.util.List;

/** The compiled example of the javadoc of {@link Schedule}. */
final class ScheduleSnippets {

    static void schedules() {
        // @start region=schedules
        Simulation.seeded(42);                       // a seeded, uniformly random interleaving
        Simulation.replaying(List.of(0, 2, 1, 0));   // exactly the choices a failure recorded
        Simulation.of(options -> options - 1);       // a strategy of your own: always the last
        // @end
    }
}
