package facet.benchmarks.coldstart;

import facet.benchmarks.NoOpService;

/**
 * The floor of the cold start: the same 20 no-op hooks called by a plain loop, dependencies
 * first and stopped in reverse. Prints the nanoseconds from the first line of {@code main} to all
 * stopped.
 */
public final class LoopColdStart {

    private LoopColdStart() {}

    /**
     * Calls the hooks once, and prints the time it took.
     *
     * @param args none
     */
    public static void main(String[] args) {
        long began = System.nanoTime();
        var services = new NoOpService[Levels.SERVICES];
        for (int id = 0; id < services.length; id++) {
            services[id] = new NoOpService(id);
        }
        for (int id = services.length - 1; id >= 0; id--) { // dependencies come after dependents
            services[id].start();
        }
        for (NoOpService service : services) {
            service.stop();
        }
        System.out.println(System.nanoTime() - began);
    }
}
