package facet.testkit;

import java.util.List;
import java.util.stream.Collectors;

/** {@link Schedule#replay(List)}: recorded choices, printed as the Java that replays them. */
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

    /** The choices as Java: {@code List.of(0, 2, 1)}. */
    static String listOf(List<Integer> choices) {
        return choices.stream().map(String::valueOf)
                .collect(Collectors.joining(", ", "List.of(", ")"));
    }

    /** The same schedule, from its first choice: what a new run on it begins with. */
    Schedule fromTheStart() {
        return new ReplaySchedule(choices);
    }

    @Override
    public String toString() {
        return "Schedule.replay(" + listOf(choices) + ")";
    }
}
