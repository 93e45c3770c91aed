package facet.benchmarks;

import facet.api.Dependencies;
import facet.api.Service;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The graphs of W1: N no-op services, service 0 the root. */
public enum Shape {
    /** A tree of fan-out 10, each node's children in sequential steps. */
    SEQUENTIAL,
    /** The same tree, each node's children in one parallel step. */
    PARALLEL,
    /** The root and N - 1 dependencies in one parallel step. */
    FLAT;

    private static final int FAN_OUT = 10;

    /**
     * The services of the graph of {@code n}, dependencies after their dependents (the root
     * first): started back to front, stopped front to back, that is a topological order.
     */
    List<NoOpService> build(int n) {
        var services = new ArrayList<NoOpService>(n);
        for (int id = 0; id < n; id++) {
            services.add(new NoOpService(id));
        }
        if (this == FLAT) {
            services.get(0).dependOn(Dependencies.parallel(services.subList(1, n)));
            return services;
        }
        for (int parent = 0; parent < n; parent++) {
            int first = parent * FAN_OUT + 1;
            if (first >= n) {
                break;
            }
            Service[] children = services.subList(first, Math.min(n, first + FAN_OUT))
                    .toArray(Service[]::new);
            services.get(parent).dependOn(this == SEQUENTIAL
                    ? Dependencies.of(children) : Dependencies.parallel(Arrays.asList(children)));
        }
        return services;
    }
}
