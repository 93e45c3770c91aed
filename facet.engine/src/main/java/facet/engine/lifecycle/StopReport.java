package facet.engine.lifecycle;

import facet.api.ShutdownTimeoutException;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.work.Job;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What went wrong in one stop: everything that one release stopped (a {@code close()}, the
 * rollback of a failed start). Filled under the lock; read by the waiter once closed. What
 * arrives after the waiter stopped waiting (a hook that returned past its deadline) is logged.
 */
final class StopReport {

    /** A hook or task of {@code life} that failed in {@code where}, {@code returned}-th. */
    private record Failed(ServiceLife life, Hook where, Throwable failure, long returned) {}

    /** In the order their hooks returned. */
    private final List<Failed> failures = new ArrayList<>();
    private final List<StuckThread> stuck = new ArrayList<>();
    private final LinkedHashSet<String> stillStopping = new LinkedHashSet<>();
    private final List<String> expired = new ArrayList<>();
    /** "service in stop()", for the message. */
    private final List<String> places = new ArrayList<>();
    private boolean closed;
    /** The root of the stop: what cannot be attached to anything is logged under its name. */
    private final ServiceLife root;

    /**
     * Whether the stops it reports drain first ({@link Drains}): not in a rollback, whose root
     * never ran, so nothing of it served.
     */
    final boolean drains;

    StopReport(ServiceLife root, boolean drains) {
        this.root = root;
        this.drains = drains;
    }

    /** A hook or task failed while stopping. */
    @SuppressWarnings("ReferenceEquality") // the same instance, as addSuppressed counts them
    void failed(ServiceLife life, Hook where, Throwable failure, Transition transition) {
        if (closed) {
            // an interrupt is how the deadline ended it: expected, not news
            Level level = Failures.isInterruption(failure) ? Level.DEBUG : Level.WARNING;
            transition.after(() -> life.orchestrator.events.log(level, life.service,
                    life.name + ": " + where + " failed after its stop was given up", failure));
            return;
        }
        for (Failed known : failures) {
            if (known.failure() == failure) {
                return;
            }
        }
        int at = failures.size();
        while (at > 0 && failures.get(at - 1).returned() > transition.returnOrder) {
            at--;
        }
        failures.add(at, new Failed(life, where, failure, transition.returnOrder));
    }

    /** A deadline passed: the graceful shutdown of {@code owner} took longer than its timeout. */
    void expired(ServiceLife owner) {
        expired.add(owner.name + " did not stop within " + timeoutText(owner.timeoutNanos));
    }

    /**
     * A timeout as a person reads it: {@code 10s}, {@code 250ms}. Only an expired deadline
     * asks, so never for an unbounded timeout: its deadline saturates and never goes off.
     */
    private static String timeoutText(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * At a deadline, {@code job} of {@code life} ({@code start()}, {@code stop()} or
     * {@code a task}) was still going, or had not begun: call under the lock. The message says
     * which, and a job that is going leaves the stack trace of where it is.
     *
     * @param beforeStop where a stop's job is if it has not called {@code stop()} yet (in a
     *     drain, say), or {@code null}
     */
    void stuck(ServiceLife life, Hook where, Job job, @Nullable String beforeStop) {
        stillStopping.add(life.name);
        String place;
        if (job.running()) {
            String doing = beforeStop != null ? beforeStop : "in " + where;
            place = life.name + " " + (where == Hook.TASK ? "in its tasks" : doing);
            stuck.add(new StuckThread(life.name + " was still " + doing + " on thread "
                    + job.name(), job.stackTrace()));
        } else {
            place = life.name + (where == Hook.STOP ? " waiting to stop"
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
                root.orchestrator.events.log(Level.WARNING, root.service, "the stop of " + root.name
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
            root.orchestrator.events.log(Level.WARNING, root.service, what, all);
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
                failed.life().orchestrator.events.log(Level.WARNING, failed.life().service,
                        failed.life().name + ": " + failed.where() + " failed; " + primary
                                + " refuses suppression, so this failure is logged here",
                        failed.failure());
            }
        }
    }
}
