package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.engine.BackendSelection.Candidate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The choice among the backends found: the property wins, then priority, then name. */
class BackendSelectionTest {

    private static final Candidate VIRTUAL = new Candidate("virtual", 200);
    private static final Candidate THREADS = new Candidate("threads", 100);

    private static Candidate select(List<Candidate> found, @Nullable String property) {
        return found.get(BackendSelection.select(found, property));
    }

    @Test
    void theOnlyOneFoundIsUsed() {
        assertThat(select(List.of(THREADS), null)).isSameAs(THREADS);
    }

    @Test
    void withSeveralTheHighestPriorityWinsWhateverTheOrderFound() {
        assertThat(select(List.of(THREADS, VIRTUAL), null)).isSameAs(VIRTUAL);
        assertThat(select(List.of(VIRTUAL, THREADS), null)).isSameAs(VIRTUAL);
    }

    @Test
    void thePropertyWinsOverPriority() {
        assertThat(select(List.of(VIRTUAL, THREADS), "threads")).isSameAs(THREADS);
        assertThat(select(List.of(VIRTUAL, THREADS), " threads ")).isSameAs(THREADS);
    }

    @Test
    void aBlankPropertyIsNoChoice() {
        assertThat(select(List.of(THREADS, VIRTUAL), "  ")).isSameAs(VIRTUAL);
    }

    @Test
    void equalPrioritiesAreBrokenByNameSoClassPathOrderNeverMatters() {
        var alpha = new Candidate("alpha", 5);
        var beta = new Candidate("beta", 5);
        assertThat(select(List.of(beta, alpha), null)).isSameAs(alpha);
        assertThat(select(List.of(alpha, beta), null)).isSameAs(alpha);
    }

    @Test
    void theSameBackendFoundTwiceIsTakenFromItsFirstJar() {
        var first = new Candidate("virtual", 200);
        var again = new Candidate("virtual", 200); // the same jar twice on the class path

        assertThat(select(List.of(first, again), null)).isSameAs(first);
    }

    @Test
    void noneFoundNamesTheJarsToAdd() {
        assertThatThrownBy(() -> select(List.of(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.facet:facet.executor.virtual")
                .hasMessageContaining("dev.facet:facet.executor.threads");
    }

    @Test
    void noneFoundFailsEvenWithAProperty() {
        assertThatThrownBy(() -> select(List.of(), "virtual"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.facet:facet.executor.virtual");
    }

    @Test
    void aPropertyNamingAMissingBackendSaysWhatWasFoundAndWhatToAdd() {
        assertThatThrownBy(() -> select(List.of(VIRTUAL), "threads"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("facet.backend=threads")
                .hasMessageContaining("found: virtual")
                .hasMessageContaining("dev.facet:facet.executor.threads");
    }

    @Test
    void aPropertyNamingAnUnknownBackendListsThoseFound() {
        assertThatThrownBy(() -> select(List.of(VIRTUAL, THREADS), "fibers"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("facet.backend=fibers names no backend found;"
                        + " found: threads, virtual"); // no jar to suggest
    }

    @Test
    void eachKnownBackendThatIsMissingNamesItsOwnJar() {
        assertThatThrownBy(() -> select(List.of(THREADS), "virtual"))
                .hasMessage("facet.backend=virtual names no backend found; found: threads;"
                        + " add dev.facet:facet.executor.virtual");
        assertThatThrownBy(() -> select(List.of(VIRTUAL), "threads"))
                .hasMessage("facet.backend=threads names no backend found; found: virtual;"
                        + " add dev.facet:facet.executor.threads");
    }
}
