package facet.engine;

import facet.api.Dependencies;
import facet.api.Service;
import facet.api.spi.ServiceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Reads the part of a graph that a start will claim, and checks it, before anything starts.
 *
 * <p>Calls user code ({@code dependencies()}, {@code gracefulShutdownTimeout()},
 * {@code toString()}), so it runs without the graph's lock; the claim that follows checks that
 * nothing changed meanwhile. Services already starting or running are not read again: their
 * snapshot is the one their own start took. A depth-first walk with its own stack, so a
 * 100,000-long chain does not deepen the Java stack, finds cycles with the path that closes them.
 */
final class GraphReader {

    /** What one start reads of a service: its dependencies and its timeout, checked. */
    record Snapshot(Service service, String name, List<List<Service>> steps, long timeoutNanos) {}

    /** The services to claim, in the order found (the root first), and those already live. */
    record Reading(List<Snapshot> claim, List<Service> live) {}

    private GraphReader() {}

    /**
     * Reads the graph under {@code root}.
     *
     * @param cache snapshots taken by an earlier try of the same start, reused
     * @param live whether a service is already starting or running (not read again)
     * @throws NullPointerException for a {@code null} dependency, with the path to it
     * @throws IllegalArgumentException for a cycle, with its path, or a bad timeout
     */
    static Reading read(Service root, IdentityHashMap<Service, Snapshot> cache,
            Predicate<Service> live) {
        var claim = new ArrayList<Snapshot>();
        var alive = new ArrayList<Service>();
        if (live.test(root)) {
            alive.add(root);
            return new Reading(claim, alive);
        }
        // Gray (on the path) or black (done): a service found gray again closes a cycle.
        var onPath = new IdentityHashMap<Service, Boolean>();
        var path = new ArrayList<Frame>();
        path.add(new Frame(snapshot(root, path, cache)));
        onPath.put(root, Boolean.TRUE);
        claim.add(path.get(0).snapshot);
        while (!path.isEmpty()) {
            Frame top = path.get(path.size() - 1);
            if (top.next == top.dependencies.size()) {
                onPath.put(top.snapshot.service(), Boolean.FALSE);
                path.remove(path.size() - 1);
                continue;
            }
            Service dependency = top.dependencies.get(top.next++);
            Boolean gray = onPath.get(dependency);
            if (gray == null) {
                if (live.test(dependency)) {
                    alive.add(dependency);
                    onPath.put(dependency, Boolean.FALSE);
                    continue;
                }
                var frame = new Frame(snapshot(dependency, path, cache));
                claim.add(frame.snapshot);
                onPath.put(dependency, Boolean.TRUE);
                path.add(frame);
            } else if (gray) {
                throw new IllegalArgumentException("dependency cycle: " + cycle(path, dependency));
            }
        }
        return new Reading(claim, alive);
    }

    private static final class Frame {
        final Snapshot snapshot;
        final List<Service> dependencies = new ArrayList<>();
        int next;

        Frame(Snapshot snapshot) {
            this.snapshot = snapshot;
            snapshot.steps().forEach(dependencies::addAll);
        }
    }

    private static Snapshot snapshot(Service service, List<Frame> path,
            IdentityHashMap<Service, Snapshot> cache) {
        Snapshot cached = cache.get(service);
        if (cached != null) {
            return cached;
        }
        String name = ServiceNames.name(service);
        Dependencies dependencies = service.dependencies();
        if (dependencies == null) {
            throw new NullPointerException(
                    name + ".dependencies() returned null; path: " + pathTo(path, name));
        }
        Set<Service> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var steps = new ArrayList<List<Service>>();
        List<List<Service>> declared = dependencies.steps();
        for (int index = 0; index < declared.size(); index++) {
            var step = new ArrayList<Service>();
            for (Service dependency : declared.get(index)) {
                if (dependency == null) {
                    throw new NullPointerException("null dependency: " + pathTo(path, name)
                            + " -> null (in step " + (index + 1) + " of " + name + ")");
                }
                if (seen.add(dependency)) {
                    step.add(dependency);
                }
            }
            if (!step.isEmpty()) {
                steps.add(List.copyOf(step));
            }
        }
        Duration timeout = service.gracefulShutdownTimeout();
        if (timeout == null) {
            throw new NullPointerException(name + ".gracefulShutdownTimeout() returned null");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(
                    name + ".gracefulShutdownTimeout() is negative: " + timeout);
        }
        long nanos = timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
                ? Long.MAX_VALUE : timeout.toNanos();
        var snapshot = new Snapshot(service, name, List.copyOf(steps), nanos);
        cache.put(service, snapshot);
        return snapshot;
    }

    /** The path from the root to {@code last}: {@code A -> B -> C}. */
    private static String pathTo(List<Frame> path, String last) {
        var joined = new StringJoiner(" -> ");
        path.forEach(frame -> joined.add(frame.snapshot.name()));
        joined.add(last);
        return joined.toString();
    }

    /** The cycle that {@code repeated} closes: {@code A -> B -> A}. */
    @SuppressWarnings("ReferenceEquality") // services are identified by identity, never equals
    private static String cycle(List<Frame> path, Service repeated) {
        var joined = new StringJoiner(" -> ");
        boolean inCycle = false;
        for (Frame frame : path) {
            inCycle |= frame.snapshot.service() == repeated;
            if (inCycle) {
                joined.add(frame.snapshot.name());
            }
        }
        for (Frame frame : path) {
            if (frame.snapshot.service() == repeated) {
                joined.add(frame.snapshot.name());
                break;
            }
        }
        return joined.toString();
    }
}
