package facet.engine;

import facet.engine.spi.Alarm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The deadline of a graceful shutdown, shared by every service it covers.
 *
 * <p>A service that starts stopping joins the deadline it inherits from the dependent that
 * released it, unless its own timeout ends sooner: then it opens a nested one (nested bounds
 * only shrink the deadline). One alarm per deadline, not per service. When the alarm goes off,
 * everything still stopping under it is interrupted and reported, and whoever waits for the
 * owner stops waiting.
 */
final class Deadline {

    final long at;
    private final Node owner;
    private final @Nullable Deadline parent;
    // The nodes stopping under this deadline, in the order they joined: linked through the
    // nodes (a node stops under one deadline at a time), so joining costs no allocation.
    private @Nullable Node firstMember;
    private @Nullable Node lastMember;
    private final List<Deadline> children = new ArrayList<>();
    private boolean expired;
    private boolean done;

    // Handed between the effect that arms the alarm and the one that disarms it.
    private volatile @Nullable Alarm alarm;
    private volatile boolean disarmed;

    private Deadline(long at, Node owner, @Nullable Deadline parent) {
        this.at = at;
        this.owner = owner;
        this.parent = parent;
    }

    /** The deadline {@code node}'s stop runs under; call under the lock. */
    static Deadline forStop(Node node, @Nullable Deadline inherited, Tx tx) {
        long own = saturatedAdd(tx.now(), node.timeoutNanos);
        Deadline live = inherited != null && !inherited.expired ? inherited : null;
        if (live != null && live.at <= own) {
            live.join(node);
            return live;
        }
        var deadline = new Deadline(own, node, live);
        if (live != null) {
            live.children.add(deadline);
        }
        deadline.join(node);
        tx.after(deadline::arm);
        return deadline;
    }

    /** {@code node}'s stop is over; the owner's ends the deadline. Call under the lock. */
    void leave(Node node, Tx tx) {
        part(node);
        if (node == owner) {
            done = true;
            if (parent != null) {
                parent.children.remove(this);
            }
            tx.after(this::disarm);
        }
    }

    private void join(Node node) {
        node.previousMember = lastMember;
        node.nextMember = null;
        if (lastMember == null) {
            firstMember = node;
        } else {
            lastMember.nextMember = node;
        }
        lastMember = node;
    }

    /** Unlinks {@code node}, a member: each node stops under one deadline and leaves it once. */
    private void part(Node node) {
        Node before = node.previousMember;
        Node after = node.nextMember;
        if (before == null) {
            firstMember = after;
        } else {
            before.nextMember = after;
        }
        if (after == null) {
            lastMember = before;
        } else {
            after.previousMember = before;
        }
        node.previousMember = null;
        node.nextMember = null;
    }

    /** A copy of the members, to walk while they change. */
    private List<Node> members() {
        var all = new ArrayList<Node>();
        for (Node member = firstMember; member != null; member = member.nextMember) {
            all.add(member);
        }
        return all;
    }

    private void arm() {
        Alarm armed = owner.engine.backend().schedule(at, this::fire);
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
        owner.engine.graph().transact(owner.engine, tx -> {
            expire(tx);
            return null;
        });
    }

    /** Gives up this deadline and every one nested in it that is still going. */
    private void expire(Tx tx) {
        if (done || expired) {
            return;
        }
        var pending = new ArrayDeque<Deadline>();
        pending.add(this);
        for (Deadline deadline = pending.poll(); deadline != null; deadline = pending.poll()) {
            if (deadline.done || deadline.expired) {
                continue;
            }
            deadline.expired = true;
            owner.report().expired(deadline.owner);
            for (Node member : deadline.members()) {
                member.abandon(tx);
            }
            pending.addAll(deadline.children);
        }
        owner.giveUp(tx);
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
