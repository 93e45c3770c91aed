package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** R3: an instance reached more than once starts once and stops once, after its last holder. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharingTest extends Graphs {

    @Test
    void aDiamondStartsTheSharedServiceOnceAndStopsItAfterBothDependents() throws Exception {
        var shared = service("shared");
        var left = service("left").dependsOn(Dependencies.of(shared));
        var right = service("right").dependsOn(Dependencies.of(shared));
        var top = service("top").dependsOn(Dependencies.parallel(left, right));

        try (var running = Facet.start(top)) {
            assertThat(journal.count("shared", "start")).isEqualTo(1);
            assertThat(at("left", "start")).isGreaterThan(at("shared", "started"));
            assertThat(at("right", "start")).isGreaterThan(at("shared", "started"));
        }

        assertThat(journal.count("shared", "stop")).isEqualTo(1);
        assertThat(at("shared", "stop")).isGreaterThan(at("left", "stopped"))
                .isGreaterThan(at("right", "stopped"));
    }

    @Test
    void aDiamondInSequentialStepsToo() throws Exception {
        var shared = service("shared");
        var left = service("left").dependsOn(Dependencies.of(shared));
        var right = service("right").dependsOn(Dependencies.of(shared));
        var top = service("top").dependsOn(Dependencies.of(left, right));

        Facet.start(top).close();

        assertThat(journal.count("shared", "start")).isEqualTo(1);
        assertThat(journal.count("shared", "stop")).isEqualTo(1);
        assertThat(journal.lines()).endsWith("right stop", "right stopped", "left stop",
                "left stopped", "shared stop", "shared stopped");
    }

    @Test
    void twoRootsShareOneInstanceUntilTheLastOneCloses() throws Exception {
        var shared = service("shared");
        var first = service("first").dependsOn(Dependencies.of(shared));
        var second = service("second").dependsOn(Dependencies.of(shared));

        var firstRunning = Facet.start(first);
        var secondRunning = Facet.start(second);
        assertThat(journal.count("shared", "start")).isEqualTo(1);

        firstRunning.close();
        assertThat(journal.count("first", "stopped")).isEqualTo(1);
        assertThat(journal.count("shared", "stop")).isZero();
        assertThat(shared.running()).isTrue();

        secondRunning.close();
        assertThat(journal.count("shared", "stopped")).isEqualTo(1);
        assertThat(shared.running()).isFalse();
    }

    @Test
    void aRootThatIsAlsoADependencyOfAnotherRoot() throws Exception {
        var shared = service("shared");
        var top = service("top").dependsOn(Dependencies.of(shared));

        var sharedRunning = Facet.start(shared);
        var topRunning = Facet.start(top);
        sharedRunning.close();
        assertThat(shared.running()).isTrue();
        topRunning.close();

        assertThat(journal.lines()).containsExactly("shared start", "shared started",
                "top start", "top started", "top stop", "top stopped",
                "shared stop", "shared stopped");
    }

    @Test
    void twoHandlesOnOneRootStopItWithTheLastClose() throws Exception {
        var root = service("root");

        var one = Facet.start(root);
        var two = Facet.start(root);
        one.close();
        one.close(); // closing a handle again does nothing
        assertThat(root.running()).isTrue();
        two.close();

        assertThat(journal.lines())
                .containsExactly("root start", "root started", "root stop", "root stopped");
    }

    @Test
    void aServiceListedTwiceByOneDependentStartsOnce() throws Exception {
        var b = service("b");
        var a = service("a").dependsOn(Dependencies.of(b, b).thenParallel(b));

        Facet.start(a).close();

        assertThat(journal.lines()).containsExactly("b start", "b started", "a start",
                "a started", "a stop", "a stopped", "b stop", "b stopped");
    }
}
