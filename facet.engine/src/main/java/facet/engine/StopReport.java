package facet.engine;

import facet.api.ShutdownTimeoutException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What went wrong in one stop: everything that one release stopped (a {@code close()}, the
 * rollback of a failed start). Filled under the lock; read by the waiter once closed. What
 * arrives after the waiter stopped waiting (a hook that returned past its deadline) is logged.
 */
final class StopReport {

    /** In the order their hooks returned. */
    private final List<Throwable> failures = new ArrayList<>();
    private final List<Long> returned = new ArrayList<>();
    private final List<StuckThread> stuck = new ArrayList<>();
    private final LinkedHashSet<String> stillStopping = new LinkedHashSet<>();
    private final List<String> expired = new ArrayList<>();
    /** "service in stop()", for the message. */
    private final List<String> places = new ArrayList<>();
    private boolean closed;
    private final boolean dropSuppressed;

    StopReport() {
        this(false);
    }

    /** @param dropSuppressed the mutation that keeps only the first failure */
    StopReport(boolean dropSuppressed) {
        this.dropSuppressed = dropSuppressed;
    }

    /** A hook or task failed while stopping. */
    void failed(Node node, String where, Throwable failure, Tx tx) {
        if (closed) {
            // an interrupt is how the deadline ended it: expected, not news
            Level level = Failures.isInterruption(failure) ? Level.DEBUG : Level.WARNING;
            tx.after(() -> node.engine.log(level, node.service,
                    node.name + ": " + where + " failed after its stop was given up", failure));
        } else if (!failures.contains(failure)) {
            int at = failures.size();
            while (at > 0 && returned.get(at - 1) > tx.returned) {
                at--;
            }
            failures.add(at, failure);
            returned.add(at, tx.returned);
        }
    }

    /** A deadline passed: the graceful shutdown of {@code owner} took longer than its timeout. */
    void expired(Node owner) {
        expired.add(owner.name + " did not stop within " + owner.timeoutText());
    }

    /** At a deadline, {@code run} of {@code node} was still going: call under the lock. */
    void stuck(Node node, String where, Run run) {
        stillStopping.add(node.name);
        stuck.add(new StuckThread(
                node.name + " was still in " + where + " on thread " + run.name, run.stackTrace()));
        String place = node.name + " in " + where;
        if (!places.contains(place)) {
            places.add(place);
        }
    }

    /** The waiter stops waiting: later news is logged. */
    void close() {
        closed = true;
    }

    /**
     * What the waiter throws: a timeout if there was one, with every failure under it; else the
     * first failure with the rest under it; else nothing.
     */
    @Nullable Throwable toException() {
        if (!stuck.isEmpty() || !expired.isEmpty()) {
            var timeout = new ShutdownTimeoutException(
                    "graceful shutdown timed out: " + String.join(", ", expired)
                            + (places.isEmpty() ? "" : "; still stopping: "
                                    + String.join(", ", places)),
                    List.copyOf(stillStopping));
            stuck.forEach(timeout::addSuppressed);
            failures.forEach(failure -> Failures.suppress(timeout, failure));
            return timeout;
        }
        if (failures.isEmpty()) {
            return null;
        }
        Throwable first = failures.get(0);
        if (!dropSuppressed) {
            failures.subList(1, failures.size()).forEach(failure -> Failures.suppress(first, failure));
        }
        return first;
    }

    /** Hangs every failure (and a timeout) under {@code primary}: a start's rollback. */
    void attachTo(Throwable primary) {
        Throwable all = toException();
        if (all == null) {
            return;
        }
        if (all instanceof ShutdownTimeoutException) {
            Failures.suppress(primary, all);
        } else {
            failures.forEach(failure -> Failures.suppress(primary, failure));
        }
    }

    /** Logs what went wrong in the stop of {@code root}, which nobody waits for. */
    void log(String what, Node root) {
        Throwable all = toException();
        if (all != null) {
            root.engine.log(Level.WARNING, root.service, what, all);
        }
    }
}
