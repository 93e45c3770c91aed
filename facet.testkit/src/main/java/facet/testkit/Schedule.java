package facet.testkit;

import java.util.Arrays;
import java.util.List;

/**
 * Which strand runs next, at every scheduling point of a {@link Simulation}: the one source of
 * nondeterminism there is. A seed, or a recorded list of choices, fixes the whole interleaving.
 *
 * {@snippet file=facet/testkit/ScheduleSnippets.java region=schedules}
 *
 * <p>The schedules made here print as the Java that makes them again, and so do the replay lines
 * of the simulations on them. A schedule of your own cannot: a simulation on it gives, in its
 * reports, the recorded choices as {@link Simulation#replaying(List)}.
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

    /**
     * A uniformly random schedule, fixed by {@code seed}.
     *
     * @param seed the seed
     * @return the schedule
     */
    static Schedule random(long seed) {
        return new RandomSchedule(seed);
    }

    /**
     * Replays recorded choices; past their end, and where a choice is out of range (after
     * shrinking removed strands), picks the first option, or the last in range.
     *
     * @param choices the choices, as {@link Simulation.Result#choices()} recorded them
     * @return the schedule
     */
    static Schedule replay(List<Integer> choices) {
        return new ReplaySchedule(choices);
    }

    /**
     * Replays recorded choices; see {@link #replay(List)}.
     *
     * @param choices the choices
     * @return the schedule
     */
    static Schedule replay(int... choices) {
        return replay(Arrays.stream(choices).boxed().toList());
    }
}
