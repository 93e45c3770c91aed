package facet.engine.lifecycle;

import facet.api.Drainable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Which {@link Drainable} services to drain before a {@code stop()}: those of the stopping
 * service's tree, running, not drained since they started. Read under the lock.
 *
 * <p>Each life's tree is walked once per start: a walk stops at a life walked before, whose tree
 * was walked with it. A cascade of stops (a chain of 100,000) so walks each life once in all.
 */
final class Drains {

    private Drains() {}

    /**
     * The services to drain before {@code stopping}'s {@code stop()}: itself first, then its
     * tree breadth first, as {@code Facet.dump()} draws it. Marks each life walked.
     */
    static List<Drainable> before(ServiceLife stopping) {
        List<Drainable> drains = List.of();
        var pending = new ArrayDeque<ServiceLife>();
        pending.add(stopping);
        for (ServiceLife life = pending.poll(); life != null; life = pending.poll()) {
            if (life.drainWalked) {
                continue;
            }
            life.drainWalked = true;
            if (life.service instanceof Drainable drainable
                    && (life == stopping || life.running())) {
                if (drains.isEmpty()) {
                    drains = new ArrayList<>(2);
                }
                drains.add(drainable);
            }
            for (ServiceLife[] step : life.steps.steps()) {
                for (ServiceLife dependency : step) {
                    if (!dependency.drainWalked) {
                        pending.add(dependency);
                    }
                }
            }
        }
        return drains;
    }
}
