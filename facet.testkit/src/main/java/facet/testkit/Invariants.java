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

/**
 * Checks a run against the rules R1–R7, from a {@link Journal} that a
 * {@linkplain Simulation#journal(Journal) journaled simulation} filled: the engine's events for
 * every hook and task, the engine's own decisions (a call it knows has failed, a crash, an
 * interrupt, a log), and the scenario's calls with how they ended. Works on any graph, a user's
 * own services included; names must be unique (override {@code toString()} if two services
 * share a class).
 *
 * {@snippet file=facet/testkit/InvariantsSnippets.java region=check}
 *
 * <p>Every sentence of the rules, and the check that holds it. Each violation's message names
 * its rule as {@code (R4)}; the quoted words are the start of its message, after the service's
 * name. In a simulation only one strand runs between scheduling points, and the engine's
 * decisions are recorded right after the transition that made them, so the order of the journal
 * is the order in which things happened: the checks need no tolerance for races.
 *
 * <table>
 *   <caption>The rules, sentence by sentence</caption>
 *   <tr><th>sentence</th><th>check</th></tr>
 *   <tr><td>R1 All of a service's dependencies are running before its {@code start()} is
 *       called.</td>
 *       <td>at each {@code start}: "started while its dependency ... was not running"</td></tr>
 *   <tr><td>R1 Its {@code stop()} has returned (or thrown) before any of its dependencies'
 *       {@code stop()} is called.</td>
 *       <td>at each {@code stop}: "stopped while its dependent ... was alive"</td></tr>
 *   <tr><td>R2 Step k+1 starts only after every service of step k is running.</td>
 *       <td>at each {@code start}, the service must be needed by a live start call: a root of
 *       one, or listed by a dependent that one needs, all of whose earlier steps run: "started
 *       before every earlier step of any dependent listing it was running"</td></tr>
 *   <tr><td>R2 The services of one step start concurrently.</td>
 *       <td>a {@code start()} is called at the virtual instant it may be (within
 *       {@value RulesWalk#CONCURRENT_NANOS} ns), never after a sibling's {@code start()} that
 *       takes time: "start() was called ... after it could be"</td></tr>
 *   <tr><td>R2 Stop walks the steps in reverse.</td>
 *       <td>at each {@code stop} of a service one dependent holds: "stopped before ..., which
 *       ... lists in a later step"</td></tr>
 *   <tr><td>R2 A step's services stop concurrently.</td>
 *       <td>not checked here: when a service may stop depends on every holder's release,
 *       which a journal does not show; {@code StepsTest} proves it on both real backends (the
 *       stops of one step meet at a barrier)</td></tr>
 *   <tr><td>R3 An instance reached more than once starts once and stops once, when the last
 *       holder releases it.</td>
 *       <td>"started again while alive"; its stop while a holder runs breaks R1 above; "once
 *       ... was let go, ... is still alive"</td></tr>
 *   <tr><td>R4 When a {@code start()} throws, no further {@code start()} of that start is
 *       called (in no branch).</td>
 *       <td>at each {@code start}, after {@code engine call failed}: "start() began after the
 *       engine knew that the start of ... had failed, and no live start needs it"</td></tr>
 *   <tr><td>R4 Concurrent starts are interrupted.</td>
 *       <td>a {@code start()} still running when its call failed, needed by no live call, is
 *       interrupted before it ends: "was not interrupted"; once, not again until a deadline:
 *       "was interrupted twice in one start, not at a deadline"</td></tr>
 *   <tr><td>R4 Everything that did start is stopped (R1 order).</td>
 *       <td>at the failed call's end: "after the failed start of ..., ... is still alive"; and
 *       at the end of the run</td></tr>
 *   <tr><td>R4 The caller gets the original exception, the same instance.</td>
 *       <td>the exception thrown is the one of {@code engine call failed}: "start threw ...,
 *       not the original failure"</td></tr>
 *   <tr><td>R4 Every other failure of that call is attached with {@code addSuppressed}, or
 *       logged where the exception refuses suppression.</td>
 *       <td>at the end, every failure a hook or task threw reached a caller (through what it
 *       threw, its suppressed and causes, as it was thrown) or a log: "reached no caller and
 *       was not logged"</td></tr>
 *   <tr><td>R4 A service whose {@code start()} threw is not stopped.</td>
 *       <td>at each {@code stop}: "stopped, but its start had not returned or had failed"</td>
 *       </tr>
 *   <tr><td>R5 A {@code stop()} that throws does not keep anything else from stopping.</td>
 *       <td>once a root is let go: "is still alive"</td></tr>
 *   <tr><td>R5 The first failure is thrown from {@code close()}/{@code run()}, the rest
 *       suppressed under it.</td>
 *       <td>"close() threw ..., not the first failure"; "the stop failure ... is lost";
 *       "close() returned, but stop() failed". The first failure of a crashed stack is its
 *       crash: "close() ... the crash of its stack, which no await() or run() threw"</td></tr>
 *   <tr><td>R6 {@code addTask} runs work on the backend, owned by the service.</td>
 *       <td>not from a journal: the architecture rules (R13) and {@code TaskTest}</td></tr>
 *   <tr><td>R6 A task that fails crashes the stack: every {@code await()}/{@code run()} of a
 *       root that depends on that service ends with that exception.</td>
 *       <td>"await() threw ..., not the failure of a task"; "await() ... ended with ..., not
 *       the crash of its stack"; "await() returned, though its stack crashed"</td></tr>
 *   <tr><td>R6 And it is logged once at ERROR.</td>
 *       <td>"a crash logged ... times at ERROR"; "a crash never logged at ERROR"</td></tr>
 *   <tr><td>R6 (the contract's reading) It is logged before any call throws it.</td>
 *       <td>"... threw the crash ... before it was logged at ERROR" (a crash's log is a
 *       scheduling point of the simulation, so the schedule reaches a throw that races it)
 *       </td></tr>
 *   <tr><td>Drain before stop: every running drainable service of a stopping service's tree,
 *       not drained since its start, is drained before that {@code stop()}.</td>
 *       <td>"...'s stop() was called before ... had drained" (scripted services with a drain
 *       action: the generator's {@code DS}, {@code DF}, {@code DH} faults)</td></tr>
 *   <tr><td>Drain before stop: once per start, only while running, never in a rollback.</td>
 *       <td>"drained twice in one start"; "drained while not running"; "drained, but no
 *       close() holds it"</td></tr>
 *   <tr><td>Drain before stop: a drain that throws fails that stop.</td>
 *       <td>"reached no caller and was not logged" (its failure must reach someone)</td></tr>
 *   <tr><td>R6 A failure while the tree is still starting fails the start (R4).</td>
 *       <td>"start returned, though a task under it crashed while it started"</td></tr>
 *   <tr><td>R6 On stop, after {@code stop()} returns, the tasks are interrupted and awaited,
 *       then its dependencies stop.</td>
 *       <td>"tasks cancelled while its stop() ... ran"; "stopped while its dependent ... was
 *       still running tasks"</td></tr>
 *   <tr><td>R6 {@code addTask} on a service that is not starting or running throws.</td>
 *       <td>not from a journal (no hook calls it): {@code TaskTest}</td></tr>
 *   <tr><td>R7 {@code gracefulShutdownTimeout()} bounds the whole stop: its {@code stop()},
 *       its tasks and its dependencies (nested bounds only shrink it).</td>
 *       <td>"the last close() of ... took ..., past its timeout"; a {@code stop()} running past
 *       the service's own timeout is interrupted by then: "ran past its own timeout"</td></tr>
 *   <tr><td>R7 Past it, stuck hooks and tasks are interrupted, the engine stops waiting, and
 *       {@code close()}/{@code run()} throws ShutdownTimeoutException naming each service still
 *       stopping when the deadline passed, with the stack trace of the code it is stuck in.</td>
 *       <td>"the timeout names ..., which this close() did not stop"; "the timeout does not
 *       name ..., still in stop()" (a {@code stop()} called after the engine interrupted one
 *       under the root, the mark of a deadline, need not be named)</td></tr>
 *   <tr><td>R7 No call hangs forever because a hook ignores interrupts.</td>
 *       <td>a simulation that cannot end fails with a {@link SimulationException}</td></tr>
 *   <tr><td>R12 An interrupted {@code await()} throws {@code InterruptedException}, with the
 *       interrupt status kept.</td>
 *       <td>not from a journal: {@link GeneratedScenario} awaits some roots with the status set,
 *       "await() of ... threw InterruptedException and cleared the interrupt status"; one that
 *       threw a crash not logged yet instead is R6's "before it was logged"</td></tr>
 * </table>
 *
 * <p>At the end, with no root held, nothing is left alive but what a timeout abandoned.
 */
public final class Invariants {

    /**
     * A service of the graph, by name, as its dependencies were read once.
     *
     * @param drains whether it is a scripted service with a drain action, whose drains the
     *     journal shows and the checker checks
     */
    record Vertex(String name, List<List<String>> steps, Set<String> parents,
            Duration timeout, boolean root, boolean drains) {}

    private final Map<String, Vertex> vertices;
    private final Map<String, Set<String>> reach;

    private Invariants(Map<String, Vertex> vertices, Map<String, Set<String>> reach) {
        this.vertices = vertices;
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
    // services are identified by identity, as the engine does
    @SuppressWarnings("ReferenceEquality")
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
        var vertices = new LinkedHashMap<String, Vertex>();
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
            vertices.put(name, new Vertex(name, steps, get(parents, name),
                    service.gracefulShutdownTimeout(), rootNames.contains(name),
                    service instanceof ScriptedService scripted && scripted.drains()));
        }
        var reach = new HashMap<String, Set<String>>();
        for (String name : vertices.keySet()) {
            var reached = new LinkedHashSet<String>();
            var todo = new ArrayDeque<String>(List.of(name));
            while (!todo.isEmpty()) {
                String next = todo.poll();
                if (reached.add(next)) {
                    get(vertices, next).steps().forEach(todo::addAll);
                }
            }
            reach.put(name, Collections.unmodifiableSet(reached));
        }
        return new Invariants(Collections.unmodifiableMap(vertices), reach);
    }

    /**
     * Checks the run, and fails if it broke a rule.
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
        return new RulesWalk(this, journal).run();
    }

    boolean has(String name) {
        return vertices.containsKey(name);
    }

    Vertex vertex(String name) {
        return get(vertices, name);
    }

    Collection<Vertex> vertices() {
        return vertices.values();
    }

    /** {@code name} and every service it depends on, transitively. */
    Set<String> reachFrom(String name) {
        Set<String> reached = reach.get(name);
        return reached != null ? reached : Set.of(name);
    }

    /** {@code map.get(key)}, for a key known to be there. */
    static <K, V> V get(Map<K, V> map, K key) {
        V value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("no " + key);
        }
        return value;
    }

    static boolean isTimeout(Throwable thrown) {
        return thrown instanceof ShutdownTimeoutException;
    }
}
