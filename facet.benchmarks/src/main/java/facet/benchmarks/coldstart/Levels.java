package facet.benchmarks.coldstart;

/**
 * The shape of the cold start's graph: 20 services on five levels (1, 2, 4, 5 and 8), each
 * service on a level below the root the dependency of one on the level above, spread evenly.
 * Service 0 is the root; a service's dependencies come after it.
 */
final class Levels {

    /** How many services each level holds, the root's first. */
    private static final int[] SIZES = {1, 2, 4, 5, 8};

    /** The number of services. */
    static final int SERVICES = 20;

    private Levels() {}

    /**
     * The dependent of each service: {@code parents()[i]} is the service that depends on
     * service {@code i}, or -1 for the root.
     */
    static int[] parents() {
        var parents = new int[SERVICES];
        parents[0] = -1;
        int levelStart = 0;
        for (int level = 1; level < SIZES.length; level++) {
            int above = SIZES[level - 1];
            int start = levelStart + above;
            for (int at = 0; at < SIZES[level]; at++) {
                parents[start + at] = levelStart + at * above / SIZES[level];
            }
            levelStart = start;
        }
        return parents;
    }
}
