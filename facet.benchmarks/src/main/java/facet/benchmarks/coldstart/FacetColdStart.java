package facet.benchmarks.coldstart;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
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
        var services = new ArrayList<Node>(Levels.SERVICES);
        for (int id = 0; id < Levels.SERVICES; id++) {
            services.add(new Node());
        }
        int lastWithDependencies = 0;
        for (int id = 1; id < Levels.SERVICES; id++) {
            services.get(parents[id]).dependencies.add(services.get(id));
            lastWithDependencies = Math.max(lastWithDependencies, parents[id]);
        }
        for (int id = 0; id < Levels.SERVICES; id++) {
            services.get(id).declare(id == lastWithDependencies);
        }
        Facet.start(services.get(0)).close();
        System.out.println(System.nanoTime() - began);
    }

    /** A service whose hooks do nothing. */
    private static final class Node implements Service {

        final List<Service> dependencies = new ArrayList<>();
        private Dependencies declared = Dependencies.none();

        void declare(boolean sequential) {
            declared = sequential ? Dependencies.of(dependencies)
                    : Dependencies.parallel(dependencies);
        }

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public Dependencies dependencies() {
            return declared;
        }
    }
}
