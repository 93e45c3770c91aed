package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.ShutdownTimeoutException;
import facet.testkit.Action;
import facet.testkit.Journal;
import facet.testkit.ScriptedService;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hook failure mode at every position, on the backend the run picks: in
 * {@code root -> middle -> [leaf, sibling]}, one service misbehaves. Whatever it does, nothing
 * started is left running, nothing is stopped twice or stopped without having started, and the
 * caller sees the original exception (or the interrupt, or the timeout that names it).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultMatrixTest extends Graphs {

    /** What the misbehaving service does. */
    enum Fault {
        START_THROWS_CHECKED, START_THROWS_UNCHECKED, START_THROWS_ERROR,
        START_HANGS_UNTIL_THE_CALLER_IS_INTERRUPTED, TASK_CRASHES_DURING_START,
        TASK_CRASHES_WHILE_RUNNING, STOP_THROWS, STOP_HANGS_INTERRUPTIBLY,
        STOP_HANGS_IGNORING_INTERRUPTS, TASK_CRASHES_DURING_STOP
    }

    static Stream<Arguments> faultsAndPositions() {
        return Stream.of(Fault.values()).flatMap(fault -> Stream.of("leaf", "middle", "root")
                .map(position -> Arguments.of(fault, position)));
    }

    private final IOException checked = new IOException("checked");
    private final IllegalStateException unchecked = new IllegalStateException("unchecked");
    private final OutOfMemoryError error = new OutOfMemoryError("error");
    private final IOException crash = new IOException("task crash");
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch crashNow = new CountDownLatch(1);

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("faultsAndPositions")
    void nothingStartedIsLeftRunningAndTheCallerSeesTheOriginal(Fault fault, String position)
            throws Exception {
        var leaf = service("leaf");
        var sibling = service("sibling");
        var middle = service("middle").dependsOn(Dependencies.parallel(leaf, sibling));
        var root = service("root").dependsOn(Dependencies.of(middle))
                .timeout(Duration.ofMillis(300));
        ScriptedService faulty = switch (position) {
            case "leaf" -> leaf;
            case "middle" -> middle;
            default -> root;
        };
        inject(fault, faulty);

        Throwable seen = play(fault, position, root);

        assertThat(seen).as("what the caller saw").satisfies(thrown -> expected(fault, thrown));
        release.countDown(); // a stop that ignored interrupts may now return, and the rest go on
        List<ScriptedService> all = List.of(leaf, sibling, middle, root);
        awaitQuiet(all);
        for (var service : all) {
            String name = service.toString();
            long started = count(name, "started");
            long stops = count(name, "stop");
            assertThat(stops).as(name + ": stopped once if it started, else never")
                    .isEqualTo(started);
            assertThat(stops).as(name + ": never stopped twice").isLessThanOrEqualTo(1);
            assertThat(service.running()).as(name + " running").isFalse();
        }
    }

    private void inject(Fault fault, ScriptedService faulty) {
        switch (fault) {
            case START_THROWS_CHECKED -> faulty.onStart(Action.fail(checked));
            case START_THROWS_UNCHECKED -> faulty.onStart(Action.fail(unchecked));
            case START_THROWS_ERROR -> faulty.onStart(Action.fail(error));
            case START_HANGS_UNTIL_THE_CALLER_IS_INTERRUPTED ->
                    faulty.onStart(Action.hangInterruptibly());
            case TASK_CRASHES_DURING_START -> faulty.onStart(self -> {
                self.addScriptedTask(Action.fail(crash));
                Action.hangInterruptibly().run(self); // until the crash fails the start
            });
            case TASK_CRASHES_WHILE_RUNNING -> faulty.onStart(self -> self.addScriptedTask(task -> {
                crashNow.await();
                throw crash;
            }));
            case STOP_THROWS -> faulty.onStop(Action.fail(checked));
            case STOP_HANGS_INTERRUPTIBLY -> faulty.onStop(Action.hangInterruptibly());
            case STOP_HANGS_IGNORING_INTERRUPTS ->
                    faulty.onStop(Action.hangIgnoringInterrupts(release));
            case TASK_CRASHES_DURING_STOP -> {
                var crashed = new CountDownLatch(1);
                faulty.onStart(self -> self.addScriptedTask(task -> {
                    crashNow.await();
                    crashed.countDown();
                    throw crash;
                }));
                faulty.onStop(self -> { // the task fails while stop() runs, before any cancel
                    crashNow.countDown();
                    crashed.await();
                });
            }
        }
    }

    /** Starts and stops the tree as the fault needs; returns what the caller saw. */
    private Throwable play(Fault fault, String position, ScriptedService root) throws Exception {
        return switch (fault) {
            case START_THROWS_CHECKED, START_THROWS_UNCHECKED, START_THROWS_ERROR,
                    TASK_CRASHES_DURING_START -> catchThrowable(() -> Facet.start(root));
            case START_HANGS_UNTIL_THE_CALLER_IS_INTERRUPTED -> {
                var outcome = new CompletableFuture<Throwable>();
                Thread caller = Thread.ofPlatform().start(() ->
                        outcome.complete(catchThrowable(() -> Facet.start(root))));
                journal.await(position, "start", Duration.ofSeconds(10));
                caller.interrupt();
                yield outcome.get(10, TimeUnit.SECONDS);
            }
            case TASK_CRASHES_WHILE_RUNNING -> {
                Running<?> running = Facet.start(root);
                crashNow.countDown();
                Throwable awaited = catchThrowable(running::await);
                running.close();
                yield awaited;
            }
            case STOP_THROWS, STOP_HANGS_INTERRUPTIBLY, STOP_HANGS_IGNORING_INTERRUPTS,
                    TASK_CRASHES_DURING_STOP -> {
                Running<?> running = Facet.start(root);
                yield catchThrowable(running::close);
            }
        };
    }

    private void expected(Fault fault, Throwable thrown) {
        switch (fault) {
            case START_THROWS_CHECKED, STOP_THROWS -> assertThat(thrown).isSameAs(checked);
            case START_THROWS_UNCHECKED -> assertThat(thrown).isSameAs(unchecked);
            case START_THROWS_ERROR -> assertThat(thrown).isSameAs(error);
            case START_HANGS_UNTIL_THE_CALLER_IS_INTERRUPTED ->
                    assertThat(thrown).isInstanceOf(InterruptedException.class);
            case TASK_CRASHES_DURING_START, TASK_CRASHES_WHILE_RUNNING, TASK_CRASHES_DURING_STOP ->
                    assertThat(thrown).isSameAs(crash);
            case STOP_HANGS_INTERRUPTIBLY, STOP_HANGS_IGNORING_INTERRUPTS ->
                    assertThat(thrown).isInstanceOf(ShutdownTimeoutException.class);
        }
    }

    /**
     * A stop given up at its deadline goes on once its hook returns: wait, bounded, until every
     * service that started has had its stop called and returned.
     */
    private void awaitQuiet(List<ScriptedService> services) throws Exception {
        journal.awaitUntil(j -> quiet(j, services), Duration.ofSeconds(10));
    }

    private static boolean quiet(Journal journal, List<ScriptedService> services) {
        for (var service : services) {
            String name = service.toString();
            int stops = journal.count(name, "stop");
            if (stops < journal.count(name, "started")
                    || stops > journal.count(name, "stopped") + journal.count(name, "stop failed")) {
                return false;
            }
        }
        return true;
    }

    private long count(String service, String event) {
        return linesOf(service).stream().filter(event::equals).count();
    }
}
