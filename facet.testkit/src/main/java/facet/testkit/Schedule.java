package facet.testkit;

import java.util.List;

/**
 * Which strand runs next, at every scheduling point of a {@link Simulation}: the one source of
 * nondeterminism there is. A seed, or a recorded list of choices, fixes the whole interleaving.
 *
 * {@snippet file=facet/testkit/ScheduleSnippets.java region=schedules}
 *
 * <p>{@link Simulation#seeded(long)} and {@link Simulation#replaying(List)} make the two
 * schedules a test needs, and print as the Java that makes them again. A schedule of your own
 * ({@link Simulation#of(Schedule)}) cannot: a simulation on it gives, in its reports, the
 * recorded choices as {@link Simulation#replaying(List)}.
 */
@FunctionalInterface
public interface Schedule {

    /**
     * Picks one of {@code options} runnable strands (in the order they were forked), or one of
     * {@code options} timers due at the same instant. Called only when {@code options > 1}.
     *
     * @param options how many there are to choose from, at least 2
     * @return the index of the chosen one, from 0 to {@code options - 1}
     */
    int choose(int options);
}
