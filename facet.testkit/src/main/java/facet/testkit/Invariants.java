package facet.testkit;

import facet.api.Service;
import facet.api.ShutdownTimeoutException;
import facet.api.spi.ServiceNames;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a run against the rules R1–R7, from a {@link Journal} that a
 * {@linkplain Simulation#journal(Journal) journaled simulation} filled: the engine's events for
 * every hook and task, and the scenario's calls with how they ended. Works on any graph, a
 * user's own services included; names must be unique (override {@code toString()} if two
 * services share a class).
 *
 * <pre>{@code
 * var journal = new Journal();
 * Simulation.seeded(seed).journal(journal).run(facet -> {
 *     try (var running = facet.start(app)) { }
 *     return null;
 * });
 * Invariants.of(app).check(journal);   // throws AssertionError listing every violation
 * }</pre>
 *
 * <p>What it checks, event by event:
 * <ul>
 *   <li>R1: every dependency runs when a service's {@code start()} is called; no dependency's
 *       {@code stop()} is called while a dependent is alive or still runs tasks.
 *   <li>R2: a service starts once some dependent that lists it has every earlier step running
 *       (or it is a root being started); a service that only one dependent holds stops after
 *       the ones in that dependent's later steps.
 *   <li>R3: a service is never started again while alive.
 *   <li>R4: a service whose start failed, or never returned, is not stopped; a failed start
 *       throws the same instance a hook or task failed with; what it started is stopped by the
 *       time it returns, but what other held roots need.
 *   <li>R5: {@code close()} throws the first failure of a {@code stop()} (the others suppressed
 *       under it), and nothing when none failed.
 *   <li>R6: a service's tasks have ended before its dependencies stop; {@code await()} throws
 *       only the failure of a task of a service the root depends on.
 *   <li>R7: a last {@code close()} returns within the root's graceful shutdown timeout (in
 *       virtual time), and a {@link ShutdownTimeoutException} names only services still stopping.
 *   <li>At the end, with no root held, nothing is left alive but what a timeout abandoned.
 * </ul>
 */
// the rules speak of the same instance: failures and services are compared by identity
@SuppressWarnings("ReferenceEquality")
public final class Invariants {

    /** A service of the graph, by name, as its dependencies were read once. */
    private record Node(String name, List<List<String>> steps, Set<String> parents,
            Duration timeout, boolean root) {}

    private final Map<String, Node> nodes;
    private final Map<String, Set<String>> reach;

    private Invariants(Map<String, Node> nodes, Map<String, Set<String>> reach) {
        this.nodes = nodes;
        this.reach = reach;
    }

    /**
     * The graph under {@code roots}, read once, now: call it before the run.
     *
     * @param roots the services the scenario starts
     * @return the checker
     * @throws IllegalArgumentException if two services have the same name
     */
    public static Invariants of(Service... roots) {
        return of(List.of(roots));
    }

    /**
     * The graph under {@code roots}; see {@link #of(Service...)}.
     *
     * @param roots the services the scenario starts
     * @return the checker
     */
    public static Invariants of(Collection<? extends Service> roots) {
        var names = new IdentityHashMap<Service, String>();
        var order = new ArrayList<Service>();
        var taken = new HashMap<String, Service>();
        var pending = new ArrayDeque<Service>(roots);
        while (!pending.isEmpty()) {
            Service service = pending.poll();
            if (names.containsKey(service)) {
                continue;
            }
            String name = ServiceNames.name(service);
            Service other = taken.putIfAbsent(name, service);
            if (other != null && other != service) {
                throw new IllegalArgumentException("two services are named " + name
                        + ": give them distinct toString() for the checker");
            }
            names.put(service, name);
            order.add(service);
            for (List<Service> step : service.dependencies().steps()) {
                pending.addAll(step);
            }
        }
        var rootNames = new LinkedHashSet<String>();
        roots.forEach(root -> rootNames.add(get(names, root)));
        var parents = new LinkedHashMap<String, Set<String>>();
        order.forEach(service -> parents.put(get(names, service), new LinkedHashSet<>()));
        var nodes = new LinkedHashMap<String, Node>();
        for (Service service : order) {
            String name = get(names, service);
            var steps = new ArrayList<List<String>>();
            var listed = new HashSet<String>();
            for (List<Service> step : service.dependencies().steps()) {
                // as the engine reads it: a service listed twice counts where it is listed first
                var stepNames = step.stream().map(each -> get(names, each))
                        .filter(listed::add).toList();
                if (!stepNames.isEmpty()) {
                    steps.add(stepNames);
                }
                stepNames.forEach(dependency -> get(parents, dependency).add(name));
            }
            nodes.put(name, new Node(name, steps, get(parents, name),
                    service.gracefulShutdownTimeout(), rootNames.contains(name)));
        }
        var reach = new HashMap<String, Set<String>>();
        for (String name : nodes.keySet()) {
            var reached = new LinkedHashSet<String>();
            var todo = new ArrayDeque<String>(List.of(name));
            while (!todo.isEmpty()) {
                String next = todo.poll();
                if (reached.add(next)) {
                    get(nodes, next).steps().forEach(todo::addAll);
                }
            }
            reach.put(name, reached);
        }
        return new Invariants(Collections.unmodifiableMap(nodes), reach);
    }

    /**
     * Checks the run.
     *
     * @param journal what a journaled simulation recorded
     * @throws AssertionError listing every violation, then the journal
     */
    public void check(Journal journal) {
        List<String> violations = violations(journal);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " violation(s) of the rules:\n  "
                    + String.join("\n  ", violations) + "\njournal:\n  "
                    + String.join("\n  ", journal.lines()));
        }
    }

    /**
     * Checks the run.
     *
     * @param journal what a journaled simulation recorded
     * @return every violation, in the order found; empty if none
     */
    public List<String> violations(Journal journal) {
        return new Walk(journal.entries()).run();
    }

    /** One pass over the journal, keeping what each service and each root is doing. */
    private final class Walk {
        private final List<Journal.Entry> entries;
        private final List<String> violations = new ArrayList<>();
        private final Map<String, Life> lives = new LinkedHashMap<>();
        private final Map<String, Call> calls = new HashMap<>();
        private final Map<String, Integer> held = new HashMap<>();
        /**
         * Under a root whose stop (or rollback) timed out: what it held stops late, in the
         * background, once what is stuck returns; the journal cannot tell when.
         */
        private final Set<String> givenUp = new LinkedHashSet<>();
        /** The services of each failed start's tree, by name, with that start's root. */
        private final Map<String, String> failedStartTree = new LinkedHashMap<>();
        /**
         * R2 stop-order breaks by a sibling still in its stop: right if a timeout later names
         * that sibling (its deadline passed, the engine stopped waiting), wrong if none does.
         */
        private final Map<String, List<String>> waitingForTimeout = new LinkedHashMap<>();
        private boolean timedOut;

        Walk(List<Journal.Entry> entries) {
            this.entries = entries;
        }

        /** Where a service is. */
        private static final class Life {
            boolean alive;
            boolean running;
            boolean stopping;
            int tasks;
        }

        /** A call of the scenario in progress, and what failed during it. */
        private record Call(String kind, int index, long time, List<Throwable> startFailures,
                List<Journal.Entry> stopFailures, List<String> started,
                Set<String> aliveAtCall) {}

        private Life life(String name) {
            return lives.computeIfAbsent(name, unused -> new Life());
        }

        private void violation(Journal.Entry entry, String text) {
            violations.add("#" + entry.index() + " (" + entry + "): " + text);
        }

        List<String> run() {
            for (Journal.Entry entry : entries) {
                if (entry.event().startsWith("caller ")) {
                    caller(entry, entry.event().substring("caller ".length()));
                } else if (nodes.containsKey(entry.service())) {
                    engine(entry);
                }
            }
            atTheEnd();
            return violations;
        }

        private void engine(Journal.Entry entry) {
            String name = entry.service();
            Node node = node(name);
            Life life = life(name);
            switch (entry.event()) {
                case "start" -> {
                    if (life.alive) {
                        violation(entry, name + " started again while alive (R3)");
                    }
                    for (List<String> step : node.steps()) {
                        for (String dependency : step) {
                            if (!life(dependency).running) {
                                violation(entry, name + " started while its dependency "
                                        + dependency + " was not running (R1)");
                            }
                        }
                    }
                    if (!requested(node)) {
                        violation(entry, name + " started before every earlier step of any"
                                + " dependent listing it was running (R2)");
                    }
                    life.alive = true;
                    life.running = false;
                }
                case "started" -> {
                    life.running = true;
                    calls.values().forEach(call -> call.started().add(name));
                }
                case "start failed" -> {
                    life.alive = false;
                    life.running = false;
                    calls.values().forEach(call -> call.startFailures().add(failure(entry)));
                }
                case "stop" -> stopping(entry, node, life);
                case "stopped", "stop failed" -> {
                    life.alive = false;
                    life.stopping = false;
                    if (entry.event().equals("stop failed")) {
                        calls.values().forEach(call -> call.stopFailures().add(entry));
                    }
                }
                case "task" -> life.tasks++; // recorded when its strand first runs, maybe late
                case "task done", "task failed" -> {
                    life.tasks--;
                    if (entry.event().equals("task failed")) {
                        calls.values().forEach(call -> call.startFailures().add(failure(entry)));
                    }
                }
                default -> { } // events of other origins (a scripted service's own)
            }
        }

        /** Some dependent listing {@code node} has all its earlier steps running, or a start. */
        private boolean requested(Node node) {
            if (node.root()) {
                return true; // a root may be started by the scenario at any time
            }
            for (String parent : node.parents()) {
                List<List<String>> steps = node(parent).steps();
                boolean ready = true;
                for (List<String> step : steps) {
                    if (step.contains(node.name())) {
                        break;
                    }
                    for (String earlier : step) {
                        ready &= life(earlier).running;
                    }
                }
                if (ready) {
                    return true;
                }
            }
            return false;
        }

        private void stopping(Journal.Entry entry, Node node, Life life) {
            String name = node.name();
            if (!life.running) {
                violation(entry, name + " stopped, but its start had not returned or had failed"
                        + " (R4)");
            }
            for (String parent : node.parents()) {
                Life dependent = life(parent);
                if (dependent.alive || dependent.tasks > 0) {
                    violation(entry, name + " stopped while its dependent " + parent + " was "
                            + (dependent.alive ? "alive" : "still running tasks") + " (R1)");
                }
            }
            if (!node.root() && node.parents().size() == 1) {
                Node parent = node(node.parents().iterator().next());
                boolean later = false;
                for (List<String> step : parent.steps()) {
                    for (String other : step) {
                        Node sibling = node(other);
                        if (later && !sibling.root() && sibling.parents().size() == 1
                                && life(other).alive) {
                            String text = "#" + entry.index() + " (" + entry + "): " + name
                                    + " stopped before " + other + ", which " + parent.name()
                                    + " lists in a later step (R2)";
                            if (life(other).stopping) {
                                waitingForTimeout.computeIfAbsent(other, unused ->
                                        new ArrayList<>()).add(text);
                            } else {
                                violations.add(text);
                            }
                        }
                    }
                    later |= step.contains(name);
                }
            }
            life.running = false;
            life.stopping = true;
        }

        private void caller(Journal.Entry entry, String event) {
            String root = entry.service();
            switch (event) {
                case "start", "run", "close", "await" -> calls.put(root + " " + event,
                        new Call(event, entry.index(), entry.time(), new ArrayList<>(),
                                new ArrayList<>(), new ArrayList<>(), aliveNow()));
                case "started" -> {
                    calls.remove(root + " start");
                    held.merge(root, 1, Integer::sum);
                    if (nodes.containsKey(root) && !life(root).running) {
                        violation(entry, "start returned, but " + root + " is not running (R4)");
                    }
                }
                case "start threw" -> failedStart(entry, root, calls.remove(root + " start"));
                case "closed", "close threw" -> closed(entry, root, calls.remove(root + " close"));
                case "awaited" -> calls.remove(root + " await");
                case "await threw" -> {
                    calls.remove(root + " await");
                    Throwable crash = failure(entry);
                    if (!(crash instanceof InterruptedException) && !taskFailureUnder(root, crash)) {
                        violation(entry, "await() threw " + crash + ", not the failure of a task"
                                + " of a service " + root + " depends on (R6)");
                    }
                }
                case "ran", "run threw" -> {
                    Call call = calls.remove(root + " run");
                    if (call != null && event.equals("run threw") && hasTimeout(failure(entry))) {
                        timedOut = true;
                        givenUp.add(root);
                        excused(failure(entry));
                    }
                    settled(entry, root, failure(entry));
                }
                default -> { }
            }
        }

        private void failedStart(Journal.Entry entry, String root, @Nullable Call call) {
            Throwable thrown = failure(entry);
            if (call != null && !call.startFailures().isEmpty()
                    && call.startFailures().stream().noneMatch(failure -> failure == thrown)
                    && !(thrown instanceof InterruptedException)
                    && !refusedAfterGivenUpStop(thrown)) {
                violation(entry, "start threw " + thrown + ", not the original failure of a hook"
                        + " or task: " + call.startFailures() + " (R4)");
            }
            boolean rollbackTimedOut = hasTimeout(thrown);
            timedOut |= rollbackTimedOut;
            if (rollbackTimedOut) {
                givenUp.add(root);
                excused(thrown);
            }
            if (!rollbackTimedOut) {
                reachFrom(root).forEach(name -> failedStartTree.putIfAbsent(name, root));
            }
            if (call != null && !rollbackTimedOut) {
                Set<String> needed = neededByHeldRoots();
                for (String started : call.started()) {
                    if (life(started).alive && !needed.contains(started)) {
                        violation(entry, "after the failed start of " + root + ", " + started
                                + " is still alive (R4)");
                    }
                }
            }
        }

        /**
         * Whether the engine refused a start through a service whose earlier stop was given up
         * at its deadline and has not returned (R7): a start racing that stop may meet it.
         */
        private boolean refusedAfterGivenUpStop(Throwable thrown) {
            return timedOut && thrown instanceof IllegalStateException
                    && String.valueOf(thrown.getMessage())
                            .contains("its previous stop timed out and has not returned");
        }

        /**
         * Whether {@code thrown} is the first of the {@code failed} hooks, or one whose hook ran
         * alongside the first (it began before the first failed): two stops of one step that
         * both fail are told to the engine in an order the scheduler picks, and either may lead.
         */
        private boolean firstOrAlongside(Throwable thrown, List<Journal.Entry> failed) {
            Journal.Entry first = failed.get(0);
            if (failure(first) == thrown) {
                return true;
            }
            for (Journal.Entry other : failed) {
                if (failure(other) == thrown) {
                    return began(other) < first.index();
                }
            }
            return false;
        }

        /** Where the hook that {@code failed} records began: its service's last event before. */
        private int began(Journal.Entry failed) {
            String begin = failed.event().replace(" failed", "");
            for (int at = failed.index() - 1; at >= 0; at--) {
                Journal.Entry earlier = entries.get(at);
                if (earlier.service().equals(failed.service()) && earlier.event().equals(begin)) {
                    return at;
                }
            }
            return failed.index();
        }

        private void closed(Journal.Entry entry, String root, @Nullable Call call) {
            held.merge(root, -1, Integer::sum);
            @Nullable Throwable thrown = entry.failure();
            if (thrown != null && isTimeout(thrown)) {
                timedOut = true;
                givenUp.add(root);
                excused(thrown);
                for (String name : ((ShutdownTimeoutException) thrown).stillStopping()) {
                    if (call != null && nodes.containsKey(name)
                            && !call.aliveAtCall().contains(name)
                            && !call.started().contains(name)) {
                        violation(entry, "the timeout names " + name + ", which this close() did"
                                + " not stop (R7)");
                    }
                }
            } else if (call != null) {
                // only failures under this root: a stop given up earlier may end meanwhile
                Set<String> under = reachFrom(root);
                List<Journal.Entry> failed = call.stopFailures().stream()
                        .filter(each -> under.contains(each.service()))
                        .filter(each -> !isInterruption(failure(each))).toList();
                List<Throwable> failures = failed.stream().map(Invariants::failure).toList();
                if (thrown == null && !failures.isEmpty()) {
                    violation(entry, "close() returned, but stop() failed: " + failures + " (R5)");
                }
                if (thrown != null && !failures.isEmpty()) {
                    if (!firstOrAlongside(thrown, failed)) {
                        violation(entry, "close() threw " + thrown + ", not the first failure "
                                + failures.get(0) + " (R5)");
                    }
                    for (Throwable other : failures) {
                        if (other != thrown && !List.of(thrown.getSuppressed()).contains(other)) {
                            violation(entry, "the stop failure " + other + " is lost (R5)");
                        }
                    }
                }
            }
            if (call != null && held.getOrDefault(root, 0) == 0 && nodes.containsKey(root)
                    && !neededByHeldRoots().contains(root)) {
                long elapsed = entry.time() - call.time();
                if (elapsed > node(root).timeout().toNanos()) {
                    violation(entry, "the last close() of " + root + " took " + elapsed
                            + "ns, past its timeout of " + node(root).timeout() + " (R7)");
                }
            }
            settled(entry, root, thrown);
        }

        /** After a last close or a run: what only this root needed is stopped, but stuck. */
        private void settled(Journal.Entry entry, String root, @Nullable Throwable thrown) {
            if (!nodes.containsKey(root) || held.getOrDefault(root, 0) > 0
                    || (thrown != null && hasTimeout(thrown))) {
                return;
            }
            Set<String> needed = neededByHeldRoots();
            for (String name : reachFrom(root)) {
                if (life(name).alive && !needed.contains(name)) {
                    violation(entry, "once " + root + " was let go, " + name
                            + " is still alive (R4/R5)");
                }
            }
        }

        private boolean taskFailureUnder(String root, Throwable crash) {
            Set<String> under = reachFrom(root);
            for (Journal.Entry entry : entries) {
                if (entry.event().equals("task failed") && entry.failure() == crash
                        && under.contains(entry.service())) {
                    return true;
                }
            }
            return false;
        }

        private Set<String> aliveNow() {
            var alive = new LinkedHashSet<String>();
            lives.forEach((name, life) -> {
                if (life.alive) {
                    alive.add(name);
                }
            });
            return alive;
        }

        /**
         * What must stay alive: everything under a held root, and everything under a service
         * whose stop is still going (given up at a deadline: R1 keeps its dependencies).
         */
        private Set<String> neededByHeldRoots() {
            var needed = new LinkedHashSet<String>();
            held.forEach((root, count) -> {
                if (count > 0) {
                    needed.addAll(reachFrom(root));
                }
            });
            lives.forEach((name, life) -> {
                if (life.stopping) {
                    needed.addAll(reachFrom(name));
                }
            });
            givenUp.forEach(name -> needed.addAll(reachFrom(name)));
            return needed;
        }

        /** A timeout names services that were given up: their stop-order breaks are excused. */
        private void excused(Throwable thrown) {
            var timeouts = new ArrayList<Throwable>(List.of(thrown.getSuppressed()));
            timeouts.add(thrown);
            for (Throwable each : timeouts) {
                if (each instanceof ShutdownTimeoutException timeout) {
                    timeout.stillStopping().forEach(waitingForTimeout::remove);
                }
            }
        }

        private void atTheEnd() {
            // under a root whose stop timed out, the rest stops late on fresh deadlines that
            // no caller hears of: a sibling given up there excuses the order too
            var late = new LinkedHashSet<String>();
            givenUp.forEach(root -> late.addAll(reachFrom(root)));
            waitingForTimeout.forEach((sibling, texts) -> {
                if (!late.contains(sibling)) {
                    violations.addAll(texts);
                }
            });
            if (timedOut || held.values().stream().anyMatch(count -> count > 0)) {
                return;
            }
            lives.forEach((name, life) -> {
                String failedRoot = failedStartTree.get(name);
                if (life.alive && failedRoot != null) { // it was starting as the start failed
                    violations.add("after the failed start of " + failedRoot + ", " + name
                            + " was left alive: with no root held, it still is at the end (R4)");
                } else if (life.alive) {
                    violations.add("at the end, with no root held, " + name + " is still alive");
                }
            });
        }
    }

    /** {@code map.get(key)}, for a key known to be there. */
    private static <K, V> V get(Map<K, V> map, K key) {
        V value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("no " + key);
        }
        return value;
    }

    private Node node(String name) {
        return get(nodes, name);
    }

    private Set<String> reachFrom(String name) {
        Set<String> reached = reach.get(name);
        return reached != null ? reached : Set.of(name);
    }

    private static Throwable failure(Journal.Entry entry) {
        Throwable failure = entry.failure();
        return failure != null ? failure : new IllegalStateException("no failure recorded");
    }

    private static boolean isTimeout(Throwable thrown) {
        return thrown instanceof ShutdownTimeoutException;
    }

    private static boolean hasTimeout(Throwable thrown) {
        if (isTimeout(thrown)) {
            return true;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (isTimeout(suppressed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInterruption(Throwable failure) {
        return failure instanceof InterruptedException
                || failure instanceof java.util.concurrent.CancellationException;
    }
}
