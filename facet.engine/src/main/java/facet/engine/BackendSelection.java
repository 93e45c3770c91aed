package facet.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
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

    /**
     * Picks a backend.
     *
     * @param found the backends found, in any order
     * @param name the name of a backend
     * @param priority the priority of a backend
     * @param wanted the value of {@code facet.backend}, or {@code null}
     * @throws IllegalStateException if none is found, or none has the wanted name
     */
    static <B> B select(List<B> found, Function<B, String> name, ToIntFunction<B> priority,
            @Nullable String wanted) {
        if (found.isEmpty()) {
            throw new IllegalStateException("No facet execution backend found. Add one to the"
                    + " class path or module path: dev.facet:facet.executor.virtual (virtual"
                    + " threads) or dev.facet:facet.executor.threads (platform threads).");
        }
        var names = found.stream().map(name).sorted().toList();
        if (wanted != null && !wanted.isBlank()) {
            String trimmed = wanted.strip();
            return found.stream()
                    .filter(backend -> name.apply(backend).equals(trimmed))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(PROPERTY + "=" + trimmed
                            + " names no backend found; found: " + String.join(", ", names)
                            + (trimmed.equals("virtual") || trimmed.equals("threads")
                                    ? "; add dev.facet:facet.executor." + trimmed : "")));
        }
        var ranked = new ArrayList<>(found);
        ranked.sort(Comparator.comparingInt(priority).reversed().thenComparing(name));
        return ranked.get(0);
    }
}
