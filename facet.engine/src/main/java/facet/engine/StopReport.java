package facet.engine;

import facet.api.ShutdownTimeoutException;
import facet.engine.event.EngineEvent.Hook;
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

    /** A hook or task of {@code node} that failed in {@code where}, {@code returned}-th. */
    private record Failed(Node node, Hook where, Throwable failure, long returned) {}

    /** In the order their hooks returned. */
    private final List<Failed> failures = new ArrayList<>();
    private final List<StuckThread> stuck = new ArrayList<>();
    private final LinkedHashSet<String> stillStopping = new LinkedHashSet<>();
    private final List<String> expired = new ArrayList<>();
    /** "service in stop()", for the message. */
    private final List<String> places = new ArrayList<>();
    private boolean closed;
    /** The root of the stop: what cannot be attached to anything is logged under its name. */
    private final Node root;

    StopReport(Node root) {
        this.root = root;
    }

    /** A hook or task failed while stopping. */
    @SuppressWarnings("ReferenceEquality") // the same instance, as addSuppressed counts them
    void failed(Node node, Hook where, Throwable failure, Tx tx) {
        if (closed) {
            // an interrupt is how the deadline ended it: expected, not news
            Level level = Failures.isInterruption(failure) ? Level.DEBUG : Level.WARNING;
            tx.after(() -> node.engine.log(level, node.service,
                    node.name + ": " + where + " failed after its stop was given up", failure));
            return;
        }
        for (Failed known : failures) {
            if (known.failure() == failure) {
                return;
            }
        }
        int at = failures.size();
        while (at > 0 && failures.get(at - 1).returned() > tx.returned) {
            at--;
        }
        failures.add(at, new Failed(node, where, failure, tx.returned));
    }

    /** A deadline passed: the graceful shutdown of {@code owner} took longer than its timeout. */
    void expired(Node owner) {
        expired.add(owner.name + " did not stop within " + owner.timeoutText());
    }

    /**
     * At a deadline, {@code run} of {@code node} ({@code start()}, {@code stop()} or
     * {@code a task}) was still going, or had not begun: call under the lock. The message says
     * which, and a run that is going leaves the stack trace of where it is.
     */
    void stuck(Node node, Hook where, Run run) {
        stillStopping.add(node.name);
        String place;
        if (run.running()) {
            place = node.name + " in " + (where == Hook.TASK ? "its tasks" : where);
            stuck.add(new StuckThread(node.name + " was still in " + where + " on thread "
                    + run.name, run.stackTrace()));
        } else {
            place = node.name + (where == Hook.STOP ? " waiting to stop"
                    : " waiting to run " + where);
        }
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
     * first failure (the first that is not an interruption, if any) with the rest under it
     * (those it refuses are logged); else nothing. Call once, once closed, outside the lock.
     */
    @Nullable Throwable toException() {
        ShutdownTimeoutException timeout = timeout();
        if (timeout != null) {
            attachAllTo(timeout);
            return timeout;
        }
        if (failures.isEmpty()) {
            return null;
        }
        // an interruption is how the engine cut a hook short, not what went wrong: it leads
        // only if nothing else failed
        Throwable first = failures.stream().map(Failed::failure)
                .filter(failure -> !Failures.isInterruption(failure)).findFirst()
                .orElse(failures.get(0).failure());
        attachAllTo(first);
        return first;
    }

    /**
     * Hangs every failure (or the timeout, with them under it) under {@code primary}: a start's
     * rollback, or the crash a close throws. Call once, once closed, outside the lock.
     */
    void attachTo(Throwable primary) {
        ShutdownTimeoutException timeout = timeout();
        if (timeout != null) {
            attachAllTo(timeout);
            if (!Failures.suppress(primary, timeout)) {
                root.engine.log(Level.WARNING, root.service, "the stop of " + root.name
                        + " timed out; " + primary + " refuses suppression, so this is logged"
                        + " here", timeout);
            }
        } else {
            attachAllTo(primary);
        }
    }

    /** Logs what went wrong in this stop, which nobody waits for. */
    void log(String what) {
        Throwable all = toException();
        if (all != null) {
            root.engine.log(Level.WARNING, root.service, what, all);
        }
    }

    private @Nullable ShutdownTimeoutException timeout() {
        if (stuck.isEmpty() && expired.isEmpty() && places.isEmpty()) {
            return null;
        }
        var timeout = new ShutdownTimeoutException(
                "graceful shutdown timed out: " + String.join(", ", expired)
                        + (places.isEmpty() ? "" : "; still stopping: "
                                + String.join(", ", places)),
                List.copyOf(stillStopping));
        stuck.forEach(timeout::addSuppressed);
        return timeout;
    }

    /** Every failure under {@code primary} (but itself); those it refuses are logged. */
    private void attachAllTo(Throwable primary) {
        for (Failed failed : failures) {
            if (!Failures.suppress(primary, failed.failure())) {
                failed.node().engine.log(Level.WARNING, failed.node().service,
                        failed.node().name + ": " + failed.where() + " failed; " + primary
                                + " refuses suppression, so this failure is logged here",
                        failed.failure());
            }
        }
    }
}
