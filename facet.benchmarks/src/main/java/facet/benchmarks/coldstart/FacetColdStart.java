package facet.benchmarks.coldstart;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import facet.benchmarks.NoOpService;
import java.util.ArrayList;
import java.util.List;

/**
 * One cold start of facet: the 20 services of {@link Levels}, each one's dependencies in one
 * parallel step but for the last service with dependencies, whose are sequential; started and
 * stopped once. Prints the nanoseconds from the first line of {@code main} to all stopped.
 */
public final class FacetColdStart {

    private FacetColdStart() {}

    /**
     * Starts and stops the graph once, and prints the time it took.
     *
     * @param args none
     * @throws Exception if the start or the stop fails
     */
    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        int[] parents = Levels.parents();
        var services = new ArrayList<NoOpService>(Levels.SERVICES);
        var children = new ArrayList<List<Service>>(Levels.SERVICES);
        for (int id = 0; id < Levels.SERVICES; id++) {
            services.add(new NoOpService(id));
            children.add(new ArrayList<>());
        }
        int lastWithDependencies = 0;
        for (int id = 1; id < Levels.SERVICES; id++) {
            children.get(parents[id]).add(services.get(id));
            lastWithDependencies = Math.max(lastWithDependencies, parents[id]);
        }
        for (int id = 0; id < Levels.SERVICES; id++) {
            List<Service> own = children.get(id);
            services.get(id).dependOn(id == lastWithDependencies ? Dependencies.of(own)
                    : Dependencies.parallel(own));
        }
        Facet.start(services.get(0)).close();
        System.out.println(System.nanoTime() - began);
    }
}
