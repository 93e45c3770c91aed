package facet.engine.graph;

import static java.util.Objects.requireNonNull;

import facet.api.Dependencies;
import facet.api.Service;
import facet.api.ServiceGraph;
import facet.api.spi.ServiceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads the part of a graph that a start will claim, and checks it, before anything starts.
 *
 * <p>Calls user code ({@code dependencies()}, {@code gracefulShutdownTimeout()},
 * {@code toString()}), so it runs without the engine's lock; the claim that follows checks that
 * nothing changed meanwhile. Services already starting or running are not read again: their
 * snapshot is the one their own start took. A depth-first walk with its own stack, so a
 * 100,000-long chain does not deepen the Java stack, finds cycles with the path that closes them.
 */
public final class GraphReader {

    /** What one start reads of a service: its dependencies and its timeout, checked. */
    public record Snapshot(Service service, String name, List<List<Service>> steps,
            long timeoutNanos) {}

    /**
     * The services to claim, in the order found (the root first), those already live, and the
     * root's name (read here, so that no message under the lock calls {@code toString()}).
     * {@code links} holds, for each service to claim, its steps as this walk found them: for
     * each dependency its index in {@code claim}, or, if it is live, {@code ~} its index in
     * {@code live}; so the claim wires them without looking any service up again.
     */
    public record Reading(List<Snapshot> claim, List<int[][]> links, List<Service> live,
            String rootName) {}

    private GraphReader() {}

    /**
     * What the walks of one start know: each service's snapshot (user code is called once per
     * start, however often the claim is tried again), and where the current walk found it.
     */
    public static final class Visits {
        private final IdentityTable<Service, Visit> byService = new IdentityTable<>();
        private int walks;
        /** The visit the next new service gets: made ahead, so it is put in with one probe. */
        private Visit ahead = new Visit();

        /** Nothing read yet. */
        public Visits() {}

        /**
         * The visit of {@code service}: the one it had, or a new one, now in the table. One
         * probe of the table for a new service, the common case: the visit made ahead is put in,
         * and the one it displaced, if any, put back (two probes for a service found again,
         * where a lookup then an insert made two for every new one).
         */
        private Visit of(Service service) {
            Visit had = byService.putIfAbsent(service, ahead);
            if (had != null) {
                return had;
            }
            Visit made = ahead;
            ahead = new Visit();
            return made;
        }
    }

    /** One service of {@link Visits}. */
    private static final class Visit {
        /** {@code null} for a service found live: its own start read it. */
        @Nullable Snapshot snapshot;
        int walk;
        boolean onPath;
        /** Where the current walk put it: as in {@link Reading#links()}. */
        int link;
    }

    /**
     * Reads the graph under {@code root}.
     *
     * @param known what earlier tries of the same start read, reused and updated
     * @param live whether a service is already starting or running (not read again)
     * @throws NullPointerException for a {@code null} dependency, with the path to it
     * @throws IllegalArgumentException for a cycle, with its path, or a bad timeout
     */
    public static Reading read(Service root, Visits known, Predicate<Service> live) {
        int walk = ++known.walks;
        var claim = new ArrayList<Snapshot>();
        var links = new ArrayList<int[][]>();
        var alive = new ArrayList<Service>();
        if (live.test(root)) {
            alive.add(root);
            return new Reading(claim, links, alive, ServiceNames.name(root));
        }
        var path = new ArrayList<Frame>();
        path.add(enter(root, known.of(root), walk, path));
        claim.add(path.get(0).snapshot);
        links.add(path.get(0).links);
        while (!path.isEmpty()) {
            Frame top = path.get(path.size() - 1);
            Service dependency = top.next();
            if (dependency == null) {
                top.visit.onPath = false;
                path.remove(path.size() - 1);
                continue;
            }
            Visit visit = known.of(dependency);
            if (visit.walk == walk) {
                if (visit.onPath) { // found again while on the path: it closes a cycle
                    throw new IllegalArgumentException(
                            "dependency cycle: " + cycle(path, dependency));
                }
                top.link(visit.link);
                continue;
            }
            if (live.test(dependency)) {
                visit.walk = walk;
                visit.link = ~alive.size();
                alive.add(dependency);
                top.link(visit.link);
                continue;
            }
            Frame frame = enter(dependency, visit, walk, path);
            frame.visit.link = claim.size();
            top.link(frame.visit.link);
            claim.add(frame.snapshot);
            links.add(frame.links);
            path.add(frame);
        }
        return new Reading(claim, links, alive, claim.get(0).name());
    }

    /**
     * Reads the graph under {@code root} as a start would, every service as if none were live:
     * {@code Facet.graph}.
     *
     * @throws NullPointerException for a {@code null} root or dependency, with the path to it
     * @throws IllegalArgumentException for a cycle, with its path, or a bad timeout
     */
    public static ServiceGraph describe(Service root) {
        Reading reading = read(requireNonNull(root, "service"), new Visits(), service -> false);
        var nodes = new ArrayList<ServiceGraph.Node>(reading.claim().size());
        for (Snapshot snapshot : reading.claim()) {
            nodes.add(new ServiceGraph.Node(snapshot.service(), snapshot.name(), snapshot.steps(),
                    Duration.ofNanos(snapshot.timeoutNanos())));
        }
        return ServiceGraph.of(nodes);
    }

    /** Puts {@code service} on the path of this walk, read now or before (its {@code visit}). */
    private static Frame enter(Service service, Visit visit, int walk, List<Frame> path) {
        Snapshot snapshot = visit.snapshot;
        if (snapshot == null) {
            snapshot = snapshot(service, path);
            visit.snapshot = snapshot;
        }
        visit.walk = walk;
        visit.onPath = true;
        return new Frame(snapshot, visit);
    }

    /** A service on the walk's path, and the next of its dependencies to visit. */
    private static final class Frame {
        private static final int[][] NO_LINKS = new int[0][];

        final Snapshot snapshot;
        final Visit visit;
        /** Its steps' links, filled as the walk visits them (see {@link Reading#links()}). */
        final int[][] links;
        int step;
        int at;

        Frame(Snapshot snapshot, Visit visit) {
            this.snapshot = snapshot;
            this.visit = visit;
            List<List<Service>> steps = snapshot.steps();
            if (steps.isEmpty()) { // most services of a graph have no dependencies: share it
                links = NO_LINKS;
                return;
            }
            links = new int[steps.size()][];
            for (int index = 0; index < links.length; index++) {
                links[index] = new int[steps.get(index).size()];
            }
        }

        /** Where the dependency {@link #next()} returned last is, in the reading. */
        void link(int where) {
            links[step][at - 1] = where;
        }

        /** The next dependency, or {@code null} when all are visited. */
        @Nullable Service next() {
            List<List<Service>> steps = snapshot.steps();
            while (step < steps.size()) {
                List<Service> services = steps.get(step);
                if (at < services.size()) {
                    return services.get(at++);
                }
                step++;
                at = 0;
            }
            return null;
        }
    }

    private static Snapshot snapshot(Service service, List<Frame> path) {
        String name = ServiceNames.name(service);
        Dependencies dependencies = service.dependencies();
        if (dependencies == null) {
            throw new NullPointerException(
                    name + ".dependencies() returned null; path: " + pathTo(path, name));
        }
        List<List<Service>> steps = checkedSteps(dependencies.steps(), path, name);
        Duration timeout = service.gracefulShutdownTimeout();
        if (timeout == null) {
            throw new NullPointerException(name + ".gracefulShutdownTimeout() returned null");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(
                    name + ".gracefulShutdownTimeout() is negative: " + timeout);
        }
        return new Snapshot(service, name, steps, TimeUnit.NANOSECONDS.convert(timeout));
    }

    /**
     * The declared steps, checked for {@code null}, used as they are (they are immutable). A
     * service listed twice needs no tidying: its dependent holds it once per listing, so it
     * starts at its first listing (later ones find it running) and stops at its first listing
     * too, on the last release, as the stop walks the steps in reverse.
     */
    private static List<List<Service>> checkedSteps(List<List<Service>> declared,
            List<Frame> path, String name) {
        for (int index = 0; index < declared.size(); index++) {
            for (Service dependency : declared.get(index)) {
                if (dependency == null) {
                    throw new NullPointerException("null dependency: " + pathTo(path, name)
                            + " -> null (in step " + (index + 1) + " of " + name + ")");
                }
            }
        }
        return declared;
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
