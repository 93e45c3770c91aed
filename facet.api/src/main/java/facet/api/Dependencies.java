package facet.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import facet.api.spi.ServiceNames;
import org.jspecify.annotations.Nullable;

/**
 * The dependencies of a service, as a sequence of steps: step {@code k + 1} starts only once
 * every service of step {@code k} is running, and the services of one step start concurrently.
 * Stop walks the steps in reverse.
 *
 * {@snippet file=facet/api/DependenciesSnippets.java region=steps}
 *
 * <p>Instances are immutable; {@code then} and {@code thenParallel} return a new one. An empty
 * parallel step is left out. A service listed more than once by the same dependent is started
 * where it first appears. Elements must not be {@code null}: a {@code null} is reported by the
 * engine before anything starts, with the path that leads to it.
 */
public final class Dependencies {

    private static final Dependencies NONE = new Dependencies(List.of());

    private final List<List<Service>> steps;

    private Dependencies(List<List<Service>> steps) {
        this.steps = steps;
    }

    /**
     * No dependencies: the default of {@link Service#dependencies()}.
     *
     * @return the empty dependencies
     */
    public static Dependencies none() {
        return NONE;
    }

    /**
     * Services started one after the other, each in a step of its own.
     *
     * @param services the services, in start order
     * @return the dependencies {@code [s1, s2, ...]}
     */
    public static Dependencies of(Service... services) {
        return NONE.then(services);
    }

    /**
     * Services started one after the other, each in a step of its own, in iteration order.
     *
     * @param services the services, in start order
     * @return the dependencies {@code [s1, s2, ...]}
     */
    public static Dependencies of(Collection<? extends Service> services) {
        return NONE.then(services);
    }

    /**
     * Services started together, in one step.
     *
     * @param services the services
     * @return the dependencies {@code [[s1, s2, ...]]}
     */
    public static Dependencies parallel(Service... services) {
        return NONE.thenParallel(services);
    }

    /**
     * Services started together, in one step.
     *
     * @param services the services
     * @return the dependencies {@code [[s1, s2, ...]]}
     */
    public static Dependencies parallel(Collection<? extends Service> services) {
        return NONE.thenParallel(services);
    }

    /**
     * These dependencies, then the given services one after the other.
     *
     * @param services the services to append, each in a step of its own
     * @return new dependencies
     */
    public Dependencies then(Service... services) {
        return then(Arrays.asList(services));
    }

    /**
     * These dependencies, then the given services one after the other, in iteration order.
     *
     * @param services the services to append, each in a step of its own
     * @return new dependencies
     */
    public Dependencies then(Collection<? extends Service> services) {
        var copy = new ArrayList<Service>(services);
        var next = new ArrayList<List<Service>>(steps.size() + copy.size());
        next.addAll(steps);
        for (Service service : copy) {
            next.add(Collections.singletonList(service));
        }
        return new Dependencies(Collections.unmodifiableList(next));
    }

    /**
     * These dependencies, then the given services together, in one step.
     *
     * @param services the services to start together
     * @return new dependencies
     */
    public Dependencies thenParallel(Service... services) {
        return thenParallel(Arrays.asList(services));
    }

    /**
     * These dependencies, then the given services together, in one step.
     *
     * @param services the services to start together
     * @return new dependencies
     */
    public Dependencies thenParallel(Collection<? extends Service> services) {
        var step = Collections.unmodifiableList(new ArrayList<Service>(services));
        if (step.isEmpty()) {
            return this;
        }
        var next = new ArrayList<List<Service>>(steps.size() + 1);
        next.addAll(steps);
        next.add(step);
        return new Dependencies(Collections.unmodifiableList(next));
    }

    /**
     * The steps, in start order; each step holds the services started together.
     *
     * @return an unmodifiable list of unmodifiable, non-empty steps
     */
    public List<List<Service>> steps() {
        return steps;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Dependencies that && steps.equals(that.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    /** Shows the steps as in Python: {@code [[B, C], D]}; a step of one service is shown bare. */
    @Override
    public String toString() {
        var all = new StringJoiner(", ", "[", "]");
        for (List<Service> step : steps) {
            if (step.size() == 1) {
                all.add(ServiceNames.name(step.get(0)));
            } else {
                var together = new StringJoiner(", ", "[", "]");
                step.forEach(service -> together.add(ServiceNames.name(service)));
                all.add(together.toString());
            }
        }
        return all.toString();
    }
}
