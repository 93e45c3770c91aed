package facet.benchmarks;

import facet.api.Facet;
import facet.api.Service;

/**
 * Picks facet's backend in a benchmark's JVM: JMH forks a JVM per parameter set, and facet
 * selects its backend once, on first use, from the property {@code facet.backend}.
 */
final class Backends {

    private Backends() {}

    /**
     * Selects {@code name} and proves it took: a hook of the probe runs on a virtual thread
     * exactly when the backend is {@code virtual}.
     */
    static void select(String name) throws Exception {
        System.setProperty("facet.backend", name);
        var probe = new Service() {
            volatile boolean virtual;

            @Override
            public void start() {
                virtual = Thread.currentThread().isVirtual();
            }
        };
        try (var running = Facet.start(probe)) {
            if (probe.virtual != name.equals("virtual")) {
                throw new IllegalStateException("asked for the " + name
                        + " backend, but hooks run on " + Thread.currentThread());
            }
        }
    }
}
