package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.testkit.Action;
import facet.testkit.ScriptedService;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R2: step k+1 starts once every service of step k runs; a step's services start (and stop)
 * together; stop walks the steps in reverse.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StepsTest extends Graphs {

    /** Both hooks wait here for each other: only hooks that run concurrently get through. */
    private static Action together(CyclicBarrier barrier) {
        return self -> barrier.await(10, TimeUnit.SECONDS);
    }

    /** How many services did {@code event}. */
    private long everywhere(String event) {
        return journal.entries().stream().filter(entry -> entry.event().equals(event)).count();
    }

    @Test
    void sequentialDependenciesStartOneAfterTheOtherAndStopInReverse() throws Exception {
        var b = service("b");
        var c = service("c");
        var a = service("a").dependsOn(Dependencies.of(b, c));

        try (var running = Facet.start(a)) {
            assertThat(journal.lines()).containsExactly(
                    "b start", "b started", "c start", "c started", "a start", "a started");
        }

        assertThat(journal.lines()).endsWith(
                "a stop", "a stopped", "c stop", "c stopped", "b stop", "b stopped");
    }

    @Test
    void aParallelStepStartsItsServicesTogetherThenTheNextStep() throws Exception {
        var starting = new CyclicBarrier(2);
        var stopping = new CyclicBarrier(2);
        var b = service("b").onStart(together(starting)).onStop(together(stopping));
        var c = service("c").onStart(together(starting)).onStop(together(stopping));
        var d = service("d");
        var a = service("a").dependsOn(Dependencies.parallel(b, c).then(d));

        try (var running = Facet.start(a)) {
            assertThat(at("d", "start")).isGreaterThan(at("b", "started"))
                    .isGreaterThan(at("c", "started"));
            assertThat(at("a", "start")).isGreaterThan(at("d", "started"));
        }

        assertThat(at("d", "stop")).isGreaterThan(at("a", "stopped"));
        assertThat(at("b", "stop")).isGreaterThan(at("d", "stopped"));
        assertThat(at("c", "stop")).isGreaterThan(at("d", "stopped"));
    }

    /**
     * A step far wider than what the engine asks for at once (it hands a wide step out a batch
     * at a time): every start() of it still runs together with every other, and every stop().
     */
    @Test
    void everyServiceOfAWideStepStartsAndStopsTogether() throws Exception {
        int width = 1_000;
        var starting = new CyclicBarrier(width);
        var stopping = new CyclicBarrier(width);
        var wide = new ScriptedService[width];
        for (int index = 0; index < width; index++) {
            wide[index] = service("s" + index).onStart(together(starting))
                    .onStop(together(stopping));
        }
        var last = service("last");
        var root = service("root").dependsOn(Dependencies.parallel(wide).then(last));

        try (var running = Facet.start(root)) {
            assertThat(everywhere("started")).isEqualTo(width + 2);
            assertThat(at("last", "start")).isGreaterThan(at("s" + (width - 1), "started"));
        }

        assertThat(everywhere("stopped")).isEqualTo(width + 2);
    }

    /**
     * A wide step where one start() throws: the call throws that failure, and of the rest, what
     * started is stopped, and nothing is left running.
     */
    @Test
    void aWideStepWhereOneStartThrowsLeavesNothingRunning() throws Exception {
        int width = 1_000;
        var failure = new IllegalStateException("s500 failed");
        var wide = new ScriptedService[width];
        for (int index = 0; index < width; index++) {
            wide[index] = service("s" + index)
                    .onStart(index == 500 ? Action.fail(failure) : Action.succeed());
        }
        var root = service("root").dependsOn(Dependencies.parallel(wide));

        assertThat(catchThrowable(() -> Facet.start(root))).isSameAs(failure);

        assertThat(journal.count("root", "start")).isZero();
        assertThat(everywhere("started")).isEqualTo(everywhere("stopped"));
        assertThat(Facet.roots()).isEmpty();
    }

    @Test
    void aSequenceThenAParallelStep() throws Exception {
        var starting = new CyclicBarrier(2);
        var first = service("first");
        var b = service("b").onStart(together(starting));
        var c = service("c").onStart(together(starting));
        var a = service("a").dependsOn(Dependencies.of(first).thenParallel(b, c));

        try (var running = Facet.start(a)) {
            assertThat(at("b", "start")).isGreaterThan(at("first", "started"));
            assertThat(at("c", "start")).isGreaterThan(at("first", "started"));
        }

        assertThat(at("first", "stop")).isGreaterThan(at("b", "stopped"))
                .isGreaterThan(at("c", "stopped"));
    }

    @Test
    void aServiceListedAgainInALaterStepCountsAtItsFirstListingOnly() throws Exception {
        var x = service("x");
        var y = service("y");
        var root = service("root").dependsOn(Dependencies.of(x).then(x, y));

        try (var running = Facet.start(root)) {
            assertThat(at("y", "start")).isGreaterThan(at("x", "started"));
        }

        assertThat(linesOf("x")).containsExactly("start", "started", "stop", "stopped");
        assertThat(linesOf("y")).containsExactly("start", "started", "stop", "stopped");
        assertThat(at("x", "stop")).as("x, in the first step, stops after the second")
                .isGreaterThan(at("y", "stopped"));
    }

    @Test
    void theSeedsMixedExample() throws Exception {
        var starting = new CyclicBarrier(2);
        var b = service("b").onStart(together(starting));
        var c = service("c").onStart(together(starting));
        var d = service("d");
        // [[b, c], d]: b and c together, then d, then a itself
        var a = service("a").dependsOn(Dependencies.parallel(b, c).then(d));

        Facet.start(a).close();

        var lines = journal.lines();
        assertThat(lines).hasSize(16);
        assertThat(lines.subList(0, 4))
                .containsExactlyInAnyOrder("b start", "b started", "c start", "c started");
        assertThat(lines.subList(4, 12)).containsExactly(
                "d start", "d started", "a start", "a started",
                "a stop", "a stopped", "d stop", "d stopped");
        assertThat(lines.subList(12, 16))
                .containsExactlyInAnyOrder("b stop", "b stopped", "c stop", "c stopped");
    }
}
