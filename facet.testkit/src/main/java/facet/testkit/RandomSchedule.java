package facet.testkit;

import java.util.SplittableRandom;

/** {@link Schedule#random(long)}: a uniformly random schedule that prints as the Java making it. */
final class RandomSchedule implements Schedule {

    private final long seed;
    private final SplittableRandom random;

    RandomSchedule(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int choose(int options) {
        return random.nextInt(options);
    }

    /** The same schedule, from its first choice: what a new run on it begins with. */
    Schedule fromTheStart() {
        return new RandomSchedule(seed);
    }

    @Override
    public String toString() {
        return "Schedule.random(" + seed + "L)";
    }
}
