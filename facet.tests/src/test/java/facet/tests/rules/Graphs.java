package facet.tests.rules;

import facet.testkit.Journal;
import facet.testkit.ScriptedService;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the rule tests: one journal per test, services named after it. */
abstract class Graphs {

    final Journal journal = new Journal();

    ScriptedService service(String name) {
        return ScriptedService.named(name, journal);
    }

    /** The journal's lines for one service, in order. */
    java.util.List<String> linesOf(String name) {
        return journal.entries().stream()
                .filter(entry -> entry.service().equals(name))
                .map(Journal.Entry::event)
                .toList();
    }

    int at(String service, String event) {
        int index = journal.indexOf(service, event);
        if (index < 0) {
            throw new AssertionError("no \"" + service + " " + event + "\" in " + journal);
        }
        return index;
    }

    /**
     * Waits until {@code thread} is blocked in an await of the engine: nothing else says that a
     * wait has begun, so look at its stack, the one place this suite knows an engine method's
     * name ({@code awaitExit}), and its state.
     */
    static void awaitBlockedInAwait(Thread thread) {
        pollUntil(() -> thread.getState() == Thread.State.WAITING
                && Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getMethodName().equals("awaitExit")),
                thread.getName() + " never blocked in its await");
    }

    /**
     * Polls {@code condition} for at most ten seconds, for a state that nothing signals; fails
     * with {@code never} if it does not hold by then.
     */
    static void pollUntil(BooleanSupplier condition, String never) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(never);
            }
            Thread.onSpinWait(); // polls a condition; orders nothing
        }
    }
}
