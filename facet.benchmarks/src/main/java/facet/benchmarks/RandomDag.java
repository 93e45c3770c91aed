package facet.benchmarks;

import facet.api.Dependencies;
import facet.api.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W3's graph: 1,000 services whose {@code start()} blocks 1 to 5 ms, each depending on up to
 * three of the fifty services after it (one parallel step), under a root that depends on every
 * service nobody else does. Fixed by its seed, so the report can compute the same critical path.
 */
public final class RandomDag {

    static final int SERVICES = 1000;
    private static final int REACH = 50;
    private static final long SEED = 20261125L;

    private final List<Sleeper> services = new ArrayList<>(SERVICES);
    private final long[] millis = new long[SERVICES];
    private final List<List<Integer>> dependencies = new ArrayList<>(SERVICES);
    private final Service root;

    /** The graph of the fixed seed. */
    public RandomDag() {
        var random = new SplittableRandom(SEED);
        var dependedOn = new boolean[SERVICES];
        for (int id = 0; id < SERVICES; id++) {
            millis[id] = 1L + random.nextInt(5);
            services.add(new Sleeper(id, millis[id]));
            var chosen = new ArrayList<Integer>();
            int count = random.nextInt(4);
            for (int pick = 0; pick < count && id + 1 < SERVICES; pick++) {
                int dependency = id + 1 + random.nextInt(Math.min(REACH, SERVICES - id - 1));
                if (!chosen.contains(dependency)) {
                    chosen.add(dependency);
                    dependedOn[dependency] = true;
                }
            }
            dependencies.add(chosen);
        }
        var tops = new ArrayList<Service>();
        for (int id = 0; id < SERVICES; id++) {
            services.get(id).dependOn(Dependencies.parallel(
                    dependencies.get(id).stream().map(services::get).toList()));
            if (!dependedOn[id]) {
                tops.add(services.get(id));
            }
        }
        var top = new NoOpService(-1);
        top.dependOn(Dependencies.parallel(tops));
        root = top;
    }

    Service root() {
        return root;
    }

    /**
     * The least time any manager can start this graph in: the heaviest chain of starts.
     *
     * @return the critical path, in milliseconds
     */
    public long criticalPathMillis() {
        var finish = new long[SERVICES];
        long longest = 0;
        for (int id = SERVICES - 1; id >= 0; id--) { // dependencies have higher ids
            long ready = 0;
            for (int dependency : dependencies.get(id)) {
                ready = Math.max(ready, finish[dependency]);
            }
            finish[id] = ready + millis[id];
            longest = Math.max(longest, finish[id]);
        }
        return longest;
    }
}
