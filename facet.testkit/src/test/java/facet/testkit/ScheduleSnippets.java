package facet.testkit;

/** The compiled example of the javadoc of {@link Schedule}. */
final class ScheduleSnippets {

    static void schedules() {
        // @start region=schedules
        // @replace region regex=";" replacement=" "
        Simulation.of(Schedule.random(42));          // a seeded, uniformly random interleaving
        Simulation.of(Schedule.replay(0, 2, 1, 0));  // exactly the choices a failure recorded
        // @end
        // @end
    }
}
