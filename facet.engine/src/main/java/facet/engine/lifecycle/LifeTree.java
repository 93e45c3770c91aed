package facet.engine.lifecycle;

import facet.api.Service;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The lives of a tree, read under the lock for a picture of it ({@code Facet.dump()},
 * {@code Running.report()}): each once, however many dependents share it.
 */
final class LifeTree {

    private LifeTree() {}

    /** Every life reached from {@code root}, each once: the root first, then breadth first. */
    static List<ServiceLife> of(ServiceLife root) {
        var lives = new ArrayList<ServiceLife>();
        var seen = new IdentityHashMap<ServiceLife, Boolean>();
        var pending = new ArrayDeque<ServiceLife>();
        pending.add(root);
        seen.put(root, true);
        for (ServiceLife life = pending.poll(); life != null; life = pending.poll()) {
            lives.add(life);
            for (ServiceLife[] step : life.steps.steps()) {
                for (ServiceLife dependency : step) {
                    if (seen.put(dependency, true) == null) {
                        pending.add(dependency);
                    }
                }
            }
        }
        return lives;
    }

    /** The services {@code life} depends on, step by step. */
    static List<List<Service>> steps(ServiceLife life) {
        var steps = new ArrayList<List<Service>>(life.steps.steps().length);
        for (ServiceLife[] step : life.steps.steps()) {
            var services = new ArrayList<Service>(step.length);
            for (ServiceLife dependency : step) {
                services.add(dependency.service);
            }
            steps.add(services);
        }
        return steps;
    }
}
