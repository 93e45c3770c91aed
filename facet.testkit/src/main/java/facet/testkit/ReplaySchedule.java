package facet.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The schedule of {@link Simulation#replaying(List)}: recorded choices, then the first option. */
final class ReplaySchedule implements Schedule {

    private final List<Integer> choices;
    private int next;

    ReplaySchedule(List<Integer> choices) {
        this.choices = List.copyOf(choices);
    }

    @Override
    public int choose(int options) {
        int at = next++;
        return at < choices.size() ? Math.min(choices.get(at), options - 1) : 0;
    }

    /**
     * Simpler lists of choices than {@code choices}, the most promising first: its first half
     * (past the end a replay picks the first option), then each choice made the first option,
     * one at a time. The first option where one was made is the most sequential run.
     *
     * @param choices choices a failing run recorded
     * @return candidates, each simpler in one way
     */
    static Stream<List<Integer>> simpler(List<Integer> choices) {
        var candidates = new ArrayList<List<Integer>>();
        // never empty: for a generated scenario, empty means "on the seed" again
        if (choices.size() > 1) {
            candidates.add(List.copyOf(choices.subList(0, choices.size() / 2)));
        }
        for (int at = 0; at < choices.size(); at++) {
            if (choices.get(at) != 0) {
                var simpler = new ArrayList<>(choices);
                simpler.set(at, 0);
                candidates.add(List.copyOf(simpler));
            }
        }
        return candidates.stream();
    }

    /** The choices as Java: {@code List.of(0, 2, 1)}. */
    static String listOf(List<Integer> choices) {
        return choices.stream().map(String::valueOf)
                .collect(Collectors.joining(", ", "List.of(", ")"));
    }
}
