package facet.engine.lifecycle;

import facet.engine.spi.Alarm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The deadline of a graceful shutdown, shared by every stop it covers.
 *
 * <p>A service that starts stopping joins the deadline it inherits from the dependent that
 * released it, unless its own timeout ends sooner: then it opens a nested one (nested bounds
 * only shrink the deadline). One alarm per deadline, not per service. When the alarm goes off,
 * everything still stopping under it is interrupted and reported, and whoever waits for the
 * owner stops waiting. Guarded by the lock of {@link LiveServices}, but for the alarm's handover.
 */
final class Deadline {

    final long at;
    /** The life whose timeout set it. */
    private final ServiceLife owner;
    private final @Nullable Deadline parent;
    /** The stops under it, in the order they joined. */
    private final Chain<ServiceStop> members = new Chain<>();
    private final List<Deadline> children = new ArrayList<>();
    private boolean expired;
    private boolean done;

    // Handed between the effect that arms the alarm and the one that disarms it.
    private volatile @Nullable Alarm alarm;
    private volatile boolean disarmed;

    private Deadline(long at, ServiceLife owner, @Nullable Deadline parent) {
        this.at = at;
        this.owner = owner;
        this.parent = parent;
    }

    /** The deadline {@code life}'s stop runs under; call under the lock. */
    static Deadline forStop(ServiceLife life, @Nullable Deadline inherited, Transition transition) {
        long own = saturatedAdd(transition.now(), life.timeoutNanos);
        Deadline live = inherited != null && !inherited.expired ? inherited : null;
        if (live != null && live.at <= own) {
            return live;
        }
        var deadline = new Deadline(own, life, live);
        if (live != null) {
            live.children.add(deadline);
        }
        transition.after(new Switch(deadline, true));
        return deadline;
    }

    /** {@code stop} runs under this deadline until it {@linkplain #leave leaves}. */
    Chain.Link<ServiceStop> join(ServiceStop stop) {
        return members.add(stop);
    }

    /** Whether it passed while its owner still stopped: nobody waits for its stops any more. */
    boolean expired() {
        return expired;
    }

    /** {@code stop} is over; the owner's ends the deadline. Call under the lock. */
    @SuppressWarnings("ReferenceEquality") // lives are identities
    void leave(ServiceStop stop, Transition transition) {
        members.remove(stop.underDeadline);
        if (stop.life == owner) {
            done = true;
            if (parent != null) {
                parent.children.remove(this);
            }
            transition.after(new Switch(this, false));
        }
    }

    private void arm() {
        Alarm armed = owner.orchestrator.backend.schedule(at, new Fire(this));
        alarm = armed;
        if (disarmed) {
            armed.cancel();
        }
    }

    private void disarm() {
        disarmed = true;
        Alarm armed = alarm;
        if (armed != null) {
            armed.cancel();
        }
    }

    private void fire() {
        owner.orchestrator.transact(transition -> {
            expire(transition);
            return null;
        });
    }

    /** The effect that arms or disarms a deadline's alarm (a class: see the package's notes). */
    private static final class Switch implements Runnable {

        private final Deadline deadline;
        private final boolean on;

        Switch(Deadline deadline, boolean on) {
            this.deadline = deadline;
            this.on = on;
        }

        @Override
        public void run() {
            if (on) {
                deadline.arm();
            } else {
                deadline.disarm();
            }
        }
    }

    /** What the alarm runs when the deadline passes (a class: see the package's notes). */
    private static final class Fire implements Runnable {

        private final Deadline deadline;

        Fire(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public void run() {
            deadline.fire();
        }
    }

    /** Gives up this deadline and every one nested in it that is still going. */
    private void expire(Transition transition) {
        if (done || expired) {
            return;
        }
        ServiceStop ownerStop = owner.stop();
        var pending = new ArrayDeque<Deadline>();
        pending.add(this);
        for (Deadline deadline = pending.poll(); deadline != null; deadline = pending.poll()) {
            if (deadline.done || deadline.expired) {
                continue;
            }
            deadline.expired = true;
            ownerStop.report.expired(deadline.owner);
            for (ServiceStop member : deadline.members.elements()) {
                member.expire(transition);
            }
            pending.addAll(deadline.children);
        }
        ownerStop.giveUp(transition);
    }

    /**
     * {@code now + nanos} on the backend's clock, or {@link Long#MAX_VALUE} (never) if that
     * overflows. The clock's origin is arbitrary, so {@code now} may be negative.
     */
    static long saturatedAdd(long now, long nanos) {
        long sum = now + nanos;
        return ((now ^ sum) & (nanos ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
