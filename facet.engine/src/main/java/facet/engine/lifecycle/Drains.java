package facet.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import facet.api.Drainable;
import facet.engine.spi.Latch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The drains that come before one {@code stop()}: those of {@link Drainable} services of the
 * stopping service's tree, running, not drained since they started; and the drains of its tree
 * that another stop runs at the same time, which it waits for. Made under the lock; run on the
 * strand of that {@code stop()}.
 *
 * <p>Each life's tree is walked once per start: a walk stops at a life walked before, whose tree
 * was walked with it. A cascade of stops (a chain of 100,000) so walks each life once in all.
 * A life keeps the walk that reached it first: if that walk's drains are still under way (a
 * close that drained a shared service and gave up at its deadline, say), a later stop of a tree
 * holding the life waits for them to end, so every drain of a tree still ends before its first
 * {@code stop()}. A walk ends only after those it waited for: waiting for one is waiting for all
 * it reached. Walks only wait for older ones, so no two wait for each other.
 */
final class Drains {

    /** Nothing to drain and nothing to wait for: the stops of an engine that never saw one. */
    static final Drains NONE = new Drains();

    private List<ServiceLife> own = List.of();
    /** The ends of other walks' drains under way, as this walk found them. */
    private List<Latch> underWayElsewhere = List.of();
    /**
     * Opens as its drains end: made only when a later walk waits for them, since opening a latch
     * may be a scheduling point (in a simulation it is), which a drain nobody waits for must not
     * add between its drains and its {@code stop()}. Guarded by this object's monitor, which is
     * never held across a backend call that may yield.
     */
    private @Nullable Latch ended;
    /** Its drains ended, or it has none: nothing to wait for. Written under the monitor. */
    private volatile boolean over;
    private final @Nullable Orchestrator orchestrator;

    private Drains() {
        this(null);
        over = true;
    }

    private Drains(@Nullable Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    /**
     * The drains before {@code stopping}'s {@code stop()}: itself first, then its tree breadth
     * first, as {@code Facet.dump()} draws it. Marks each life walked. Under the lock.
     */
    static Drains before(ServiceLife stopping, Orchestrator orchestrator) {
        var walk = new Drains(orchestrator);
        var pending = new ArrayDeque<ServiceLife>();
        pending.add(stopping);
        for (ServiceLife life = pending.poll(); life != null; life = pending.poll()) {
            Drains walkedBy = life.drainWalk;
            if (walkedBy != null) {
                walk.waitFor(walkedBy);
                continue;
            }
            life.drainWalk = walk;
            if (life.service instanceof Drainable && (life == stopping || life.running())) {
                if (walk.own.isEmpty()) {
                    walk.own = new ArrayList<>(2);
                }
                walk.own.add(life);
            }
            for (ServiceLife[] step : life.steps.steps()) {
                for (ServiceLife dependency : step) {
                    if (dependency.drainWalk != walk) {
                        pending.add(dependency);
                    }
                }
            }
        }
        if (walk.none()) {
            walk.over = true;
        }
        return walk;
    }

    /** Another walk reached a life first: if its drains are under way, this one waits. */
    private void waitFor(Drains other) {
        Latch otherEnded = other == this ? null : other.endedIfUnderWay();
        if (otherEnded == null || underWayElsewhere.contains(otherEnded)) {
            return;
        }
        if (underWayElsewhere.isEmpty()) {
            underWayElsewhere = new ArrayList<>(1);
        }
        underWayElsewhere.add(otherEnded);
    }

    /** The latch that opens as its drains end, made now if need be; {@code null} if over. */
    private synchronized @Nullable Latch endedIfUnderWay() {
        if (over) {
            return null;
        }
        Latch made = ended;
        if (made == null) {
            // a plain call: a backend's newLatch() returns at once, without scheduling
            made = requireNonNull(orchestrator).backend.newLatch();
            ended = made;
        }
        return made;
    }

    /** Whether there is nothing to do before the {@code stop()}: nothing to drain or wait for. */
    boolean none() {
        return own.isEmpty() && underWayElsewhere.isEmpty();
    }

    /** The lives to drain, in order: each one's service is {@link Drainable}. */
    List<ServiceLife> own() {
        return own;
    }

    /** Whether it waits for drains of its tree that another stop began. */
    boolean waitsElsewhere() {
        return !underWayElsewhere.isEmpty();
    }

    /**
     * Waits for the drains of its tree under way elsewhere to end, however late: a {@code stop()}
     * past its deadline goes on late, but never before a drain of its tree ended. An interrupt
     * (the deadline's) is kept for what follows.
     */
    void awaitUnderWayElsewhere() {
        for (Latch other : underWayElsewhere) {
            other.awaitKeepingInterrupt();
        }
    }

    /** Its drains ended (or will never run): stops that wait for them go on. Idempotent. */
    void end() {
        if (over) { // every stop with nothing to drain, at the cost of a volatile read
            return;
        }
        Latch open;
        synchronized (this) {
            over = true;
            open = ended;
        }
        if (open != null) {
            open.open();
        }
    }
}
