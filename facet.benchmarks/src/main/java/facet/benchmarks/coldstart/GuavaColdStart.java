package facet.benchmarks.coldstart;

import facet.benchmarks.GuavaServices;
import java.util.ArrayList;

/**
 * One cold start of Guava's {@code ServiceManager}: the same 20 no-op services (Guava has no
 * dependencies, so all at once), started and stopped once. Prints the nanoseconds from the first
 * line of {@code main} to all stopped.
 */
public final class GuavaColdStart {

    private GuavaColdStart() {}

    /**
     * Starts and stops the services once, and prints the time it took.
     *
     * @param args none
     */
    public static void main(String[] args) {
        long began = System.nanoTime();
        var services = new ArrayList<GuavaServices.NoOp>(Levels.SERVICES);
        for (int id = 0; id < Levels.SERVICES; id++) {
            services.add(new GuavaServices.NoOp());
        }
        GuavaServices.startAndStop(services);
        System.out.println(System.nanoTime() - began);
    }
}
