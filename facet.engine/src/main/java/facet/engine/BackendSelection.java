package facet.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which execution backend to use among those found: a pure function, tested alone.
 *
 * <p>The one named by the property {@code facet.backend} if set; else the one of highest
 * priority (ties go to the first name in alphabetical order, so the choice never depends on
 * class-path order). None found, or the named one missing, is an error that says what to add.
 */
final class BackendSelection {

    static final String PROPERTY = "facet.backend";

    private BackendSelection() {}

    /** What the choice knows of a backend found: its name and its priority. */
    record Candidate(String name, int priority) {}

    /**
     * Picks a backend. Plain loops, no stream or comparator: this runs at every launch, where
     * each lambda's class is spun at run time (see the cold start benchmark).
     *
     * @param found the backends found, in any order
     * @param wanted the value of {@code facet.backend}, or {@code null}
     * @return the index in {@code found} of the one to use
     * @throws IllegalStateException if none is found, or none has the wanted name
     */
    static int select(List<Candidate> found, @Nullable String wanted) {
        if (found.isEmpty()) {
            throw new IllegalStateException("No facet execution backend found. Add one to the"
                    + " class path or module path: dev.facet:facet.executor.virtual (virtual"
                    + " threads) or dev.facet:facet.executor.threads (platform threads).");
        }
        if (wanted != null && !wanted.isBlank()) {
            String trimmed = wanted.strip();
            var names = new ArrayList<String>(found.size());
            for (int index = 0; index < found.size(); index++) {
                String name = found.get(index).name();
                if (name.equals(trimmed)) {
                    return index;
                }
                names.add(name);
            }
            Collections.sort(names);
            throw new IllegalStateException(PROPERTY + "=" + trimmed
                    + " names no backend found; found: " + String.join(", ", names)
                    + (trimmed.equals("virtual") || trimmed.equals("threads")
                            ? "; add dev.facet:facet.executor." + trimmed : ""));
        }
        int best = 0;
        for (int index = 1; index < found.size(); index++) {
            Candidate candidate = found.get(index);
            Candidate leader = found.get(best);
            boolean higher = candidate.priority() > leader.priority();
            boolean tiedAndFirstByName = candidate.priority() == leader.priority()
                    && candidate.name().compareTo(leader.name()) < 0;
            if (higher || tiedAndFirstByName) {
                best = index;
            }
        }
        return best;
    }
}
