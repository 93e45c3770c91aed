package facet.engine.lifecycle;

import facet.engine.event.EngineEvent;
import facet.engine.work.Job;
import facet.engine.work.Worker;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One transition of the lives of services: steps made under the lock of {@link LiveServices},
 * then effects made after it.
 *
 * <p>Steps cascade (a service running lets its dependents go on, a release stops a whole
 * subtree); they are queued here rather than called, so a 100,000-long chain never deepens the
 * Java stack. Effects are everything that may run foreign code or hand control to another
 * strand: backend calls, completing futures, logging. Jobs go to the workers last.
 */
final class Transition {

    /** A transition that reads no clock: {@link #now()} fails in it. */
    static final long UNTIMED = Long.MIN_VALUE;

    /** The backend's clock, read once before the lock was taken; or {@link #UNTIMED}. */
    private final long now;
    /** Whether lifecycle events are logged: asked once, before the lock was taken. */
    private final boolean debug;
    /**
     * For the report of a job's return: the order in which jobs returned. Two stops of one step
     * that both fail may be reported in either order; the first to return leads.
     */
    final long returnOrder;
    private final EngineEvents events;
    /** The worker whose report this is: it may take the first job this transition makes. */
    private final @Nullable Worker reporter;
    /** The life whose {@code start()} return this transition reports, if it reports one. */
    private @Nullable ServiceLife startReturnOf;

    // Most transitions queue one step and fork one job (a hook returned, its dependent's next
    // step begins), so the first of each is held in a field and a queue is made for a second:
    // two collections fewer per hook (JMH -prof gc, sequential tree: 1,259 to 1,043 bytes per
    // service's start and stop, with the shared empty steps of Claim). The first step is always
    // older than every one in moreSteps.
    private @Nullable Step firstStep;
    private @Nullable ChunkedQueue<Step> moreSteps;
    private @Nullable ChunkedQueue<EngineEvent> decisions;
    private @Nullable ChunkedQueue<Runnable> effects;
    private @Nullable Job firstJob;
    private @Nullable ChunkedQueue<Job> moreJobs;

    Transition(long now, boolean debug, long returnOrder, EngineEvents events,
            @Nullable Worker reporter) {
        this.now = now;
        this.debug = debug;
        this.returnOrder = returnOrder;
        this.events = events;
        this.reporter = reporter;
    }

    /** The backend's clock, read once before the lock was taken. */
    long now() {
        if (now == UNTIMED) {
            throw new IllegalStateException("a transition made without the clock needs it");
        }
        return now;
    }

    /**
     * This transition reports that {@code life}'s {@code start()} returned: every
     * {@code start()} it calls was waiting for that (the report's critical path).
     */
    void reportsStartOf(ServiceLife life) {
        startReturnOf = life;
    }

    /** The life whose {@code start()} return this transition reports, if any. */
    @Nullable ServiceLife startReturnOf() {
        return startReturnOf;
    }

    /** Whether DEBUG lines are logged: ask before making one, which costs a lambda. */
    boolean debugging() {
        return debug;
    }

    /** Logs a lifecycle line at DEBUG once the lock is released. */
    void debug(Supplier<String> line) {
        after(() -> events.debug(line));
    }

    /** Queues a step, to run under the same lock once the current one returns. */
    void then(Step step) {
        ChunkedQueue<Step> more = moreSteps;
        if (firstStep == null && (more == null || more.isEmpty())) {
            firstStep = step; // nothing queued: it is the oldest
            return;
        }
        if (more == null) {
            more = new ChunkedQueue<>();
            moreSteps = more;
        }
        more.add(step);
    }

    /** Queues an effect, to run once the lock is released. */
    void after(Runnable effect) {
        if (effects == null) {
            effects = new ChunkedQueue<>();
        }
        effects.add(effect);
    }

    /**
     * Queues a decision this transition made, to tell the listener first once the lock is
     * released: before any effect, so before any scheduling point, and a simulation's journal has
     * the engine's decisions in the order the engine made them.
     */
    void announce(EngineEvent decision) {
        if (!events.listening()) {
            return;
        }
        if (decisions == null) {
            decisions = new ChunkedQueue<>();
        }
        decisions.add(decision);
    }

    /** Queues a job, to hand to its workers once the effects are made. */
    void fork(Job job) {
        if (firstJob == null) {
            firstJob = job;
            return;
        }
        if (moreJobs == null) {
            moreJobs = new ChunkedQueue<>();
        }
        moreJobs.add(job);
    }

    /** Runs the queued steps, under the lock. */
    void drain() {
        for (Step step = nextStep(); step != null; step = nextStep()) {
            step.run(this);
        }
    }

    private @Nullable Step nextStep() {
        Step oldest = firstStep;
        if (oldest != null) {
            firstStep = null;
            return oldest;
        }
        ChunkedQueue<Step> more = moreSteps;
        return more == null ? null : more.poll();
    }

    /**
     * Tells the decisions, then runs every effect, even when one throws, then hands the jobs to
     * their workers: the first may go on on the reporter. The first failure is then thrown.
     *
     * <p>Each entry is taken off its queue as it runs, so a transition that ran keeps nothing
     * alive: a wide step's transition holds one job per service, and with them every life and
     * service of the step (a list that kept them, grown into a humongous array in the old
     * generation, had young collections copy and promote them round after round: a flat set of
     * 100,000 grew the heap by 90 MB per collection, then mixed collections of 160 ms).
     */
    void runEffects() {
        Throwable first = null;
        if (decisions != null) {
            for (EngineEvent decision = decisions.poll(); decision != null;
                    decision = decisions.poll()) {
                EngineEvent told = decision;
                first = attempt(() -> events.tell(told), first);
            }
        }
        if (effects != null) {
            for (Runnable effect = effects.poll(); effect != null; effect = effects.poll()) {
                first = attempt(effect, first);
            }
        }
        Job firstForked = firstJob;
        if (firstForked != null) {
            firstJob = null;
            firstForked.dispatch(reporter);
        }
        if (moreJobs != null) {
            for (Job job = moreJobs.poll(); job != null; job = moreJobs.poll()) {
                job.dispatch(reporter);
            }
        }
        if (first != null) {
            throw Failures.unchecked(first);
        }
    }

    private static @Nullable Throwable attempt(Runnable action, @Nullable Throwable failed) {
        try {
            action.run();
            return failed;
        } catch (Throwable failure) {
            if (failed == null) {
                return failure;
            }
            Failures.suppress(failed, failure);
            return failed;
        }
    }
}
