package facet.testkit;

import java.util.SplittableRandom;

/** The schedule of {@link Simulation#seeded(long)}: uniformly random, fixed by its seed. */
final class RandomSchedule implements Schedule {

    private final SplittableRandom random;

    RandomSchedule(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int choose(int options) {
        return random.nextInt(options);
    }
}
