package facet.testkit;

import facet.api.ShutdownTimeoutException;
import facet.testkit.Invariants.Vertex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One pass of {@link Invariants} over a journal: what each service and each call of the
 * scenario is doing, entry by entry, and every violation found. The table of checks is in
 * {@link Invariants}.
 */
// the rules speak of the same instance: failures are compared by identity
@SuppressWarnings("ReferenceEquality")
final class RulesWalk {

    /**
     * How late a {@code start()} may be called after it could be, in virtual time: well under
     * the millisecond the shortest timed fault takes, well over what the engine's spare
     * workers stand by (50 microseconds a look).
     */
    static final long CONCURRENT_NANOS = 500_000;

    private final Invariants graph;
    private final Journal journal;
    /** Whether the journal's times are virtual: only then are its timings checked. */
    private final boolean timed;
    private final List<Journal.Entry> entries;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Life> lives = new LinkedHashMap<>();
    /** The scenario's calls in progress, oldest first. */
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Integer> held = new HashMap<>();
    /**
     * Under a root whose stop (or rollback) timed out: what it held stops late, in the
     * background, once what is stuck returns; the journal cannot tell when.
     */
    private final Set<String> givenUp = new LinkedHashSet<>();
    /**
     * For each root given up at its deadline, the lives of its tree then (by their count of
     * starts): its late release of a service shared with another root may be the last one, and
     * then that service's stop is the late stop's, its failures logged, not the other close's.
     */
    private final Map<String, Map<String, Integer>> lateReleases = new HashMap<>();
    /**
     * The services whose life a failed start's rollback gave up on at its deadline: their stop
     * comes late, and is still the rollback's (it drains nothing), until they start again.
     */
    private final Set<String> lateRollbackStops = new LinkedHashSet<>();
    /** The services of each failed start's tree, by name, with that start's root. */
    private final Map<String, String> failedStartTree = new LinkedHashMap<>();
    /**
     * R2 stop-order breaks by a sibling still in its stop, and a start() interrupted twice: right
     * if a timeout later names that service (its deadline passed, the engine stopped waiting and
     * interrupted what was stuck), wrong if none does.
     */
    private final Map<String, List<String>> waitingForTimeout = new LinkedHashMap<>();
    private boolean timedOut;

    /** Every failure a hook or task threw, to be found thrown or logged at the end. */
    private final List<Journal.Entry> failures = new ArrayList<>();
    /** What the calls threw and the engine logged reached, as they were thrown or logged. */
    private final Set<Throwable> reachedSomeone = identitySet();
    /** The crashes an await(), run() or close() threw: close() throws a crash only once. */
    private final Set<Throwable> crashesThrown = identitySet();
    /** How often each failure was logged at ERROR. */
    private final IdentityHashMap<Throwable, Integer> errorLogs = new IdentityHashMap<>();
    private final Set<Throwable> crashes = identitySet();
    /**
     * Tasks that failed and crashed nothing: their services were stopping, so each is a
     * failure of the stop that the next close over it reports (R5).
     */
    private final List<Journal.Entry> taskFailures = new ArrayList<>();
    /** Starts running when their call failed, needed by no live call: to be interrupted. */
    private final Set<String> mustInterrupt = new LinkedHashSet<>();
    /** Since when (virtual time) each service not alive could have been started. */
    private final Map<String, Long> readySince = new HashMap<>();

    RulesWalk(Invariants graph, Journal journal) {
        this.timed = journal.inVirtualTime();
        this.graph = graph;
        this.journal = journal;
        this.entries = journal.entries();
    }

    /** Where a service is. */
    private static final class Life {
        /** Its {@code start()} was called, and its life is not over. */
        boolean alive;
        /** How many times its {@code start()} was called: which life it is. */
        int starts;
        boolean running;
        /** In {@code stop()}. */
        boolean stopping;
        int tasks;
        long stopBegan;
        /** The index of the entry of its last {@code stop()}. */
        int stopCalled;
        boolean startInterrupted;
        boolean stopInterrupted;
        /** The last holder's {@code close()} was called: a crash no longer reaches it. */
        boolean closing;
        /** For a root: the crash of the stack of this life, if it crashed. */
        @Nullable Throwable crash;
        /** Its drain ended since its start (a scripted service with a drain action). */
        boolean drained;
        /** In {@code drain()}. */
        boolean draining;
    }

    /** A call of the scenario in progress, and what happened during it. */
    private static final class Call {
        final String kind;
        final String root;
        final long time;
        final Set<String> aliveAtCall;
        /** What the engine said the start of this call fails with ({@code engine call failed}). */
        @Nullable Throwable failedWith;
        /** A start() under its root that threw: the call fails, whenever the engine hears. */
        @Nullable String threw;
        final List<Throwable> startFailures = new ArrayList<>();
        final List<Journal.Entry> stopFailures = new ArrayList<>();
        final List<String> started = new ArrayList<>();
        /** For a close: the entry at which a deadline under its root first passed, if any. */
        int deadlinePassed = Integer.MAX_VALUE;
        /** Crashes under the root while this start was still going. */
        final List<Throwable> crashesWhileStarting = new ArrayList<>();

        Call(String kind, String root, long time, Set<String> aliveAtCall) {
            this.kind = kind;
            this.root = root;
            this.time = time;
            this.aliveAtCall = aliveAtCall;
        }

        /** A start (or the start of a run) the engine has not said failed. */
        boolean starting() {
            return (kind.equals("start") || kind.equals("run")) && failedWith == null;
        }

        /** A start still going that no start() under it threw in. */
        boolean live() {
            return starting() && threw == null;
        }
    }

    List<String> run() {
        for (Journal.Entry entry : entries) {
            Journal.EntryKind kind = entry.kind();
            if (kind == Journal.EntryKind.CALLER) {
                caller(entry, entry.event().substring("caller ".length()));
            } else if (kind.engine()) {
                engine(entry);
            } else if (graph.has(entry.service())) {
                hook(entry);
            }
            readiness(entry.time());
        }
        atTheEnd();
        return violations;
    }

    // ------------------------------------------------------------------ hooks and tasks

    private void hook(Journal.Entry entry) {
        String name = entry.service();
        Vertex vertex = graph.vertex(name);
        Life life = life(name);
        switch (entry.kind()) {
            case START -> {
                lateRollbackStops.remove(name);
                starting(entry, vertex, life);
            }
            case STARTED -> {
                startEnded(entry, name);
                life.running = true;
                calls.forEach(call -> call.started.add(name));
            }
            case START_FAILED -> {
                startEnded(entry, name);
                for (Call call : calls) {
                    // a life alive before the call began is not its start (a rollback given up
                    // at its deadline leaves one running): its late failure is not the call's
                    if (call.threw == null && call.starting() && treeHolds(call.root, name)
                            && !call.aliveAtCall.contains(name)) {
                        call.threw = name;
                    }
                }
                life.alive = false;
                life.running = false;
                calls.forEach(call -> call.startFailures.add(failure(entry)));
                failures.add(entry);
            }
            case STOP -> stopping(entry, vertex, life);
            case STOPPED, STOP_FAILED -> {
                long took = entry.time() - life.stopBegan;
                if (timed && took > nanos(vertex) + CONCURRENT_NANOS && !life.stopInterrupted) {
                    violation(entry, name + "'s stop() ran past its own timeout of "
                            + ReadableDuration.of(vertex.timeout()) + " ("
                            + ReadableDuration.of(took)
                            + ") and was not interrupted (R7)");
                }
                life.alive = false;
                life.stopping = false;
                life.stopInterrupted = false;
                if (entry.kind() == Journal.EntryKind.STOP_FAILED) {
                    calls.forEach(call -> call.stopFailures.add(entry));
                    failures.add(entry);
                }
            }
            case TASK -> life.tasks++; // recorded when its strand first runs, maybe late
            case TASK_DONE -> life.tasks--;
            case TASK_FAILED -> {
                life.tasks--;
                calls.forEach(call -> call.startFailures.add(failure(entry)));
                if (!isInterruption(failure(entry))) { // an interrupted task was cancelled (R6)
                    failures.add(entry);
                    // a stop failure, unless the engine says next that it crashed the stack
                    taskFailures.add(entry);
                }
            }
            case DRAIN -> {
                if (life.drained || life.draining) {
                    violation(entry, name + " was drained twice in one start: once per start"
                            + " (drain before stop)");
                }
                if (!life.running) {
                    violation(entry, name + " was drained while not running (drain before"
                            + " stop)");
                }
                if (!closeHolds(name)) {
                    violation(entry, name + " was drained, but no close() holds it: a"
                            + " rollback drains nothing (drain before stop)");
                }
                life.draining = true;
            }
            case DRAINED, DRAIN_FAILED -> {
                life.draining = false;
                life.drained = true;
                // a failure of the stop it came before (R5), which its STOP_FAILED carries, as
                // its failure or under it: it must reach someone
                if (entry.kind() == Journal.EntryKind.DRAIN_FAILED
                        && !isInterruption(failure(entry))) {
                    failures.add(entry);
                }
            }
            default -> { } // events of other origins (a scripted service's "task interrupted")
        }
    }

    private void starting(Journal.Entry entry, Vertex vertex, Life life) {
        String name = vertex.name();
        life.starts++;
        if (life.alive) {
            violation(entry, name + " started again while alive (R3)");
        }
        for (List<String> step : vertex.steps()) {
            for (String dependency : step) {
                if (!life(dependency).running) {
                    violation(entry, name + " started while its dependency " + dependency
                            + " was not running (R1)");
                }
            }
        }
        if (!needed(false, false).contains(name)) {
            violation(entry, needed(true, false).contains(name)
                    ? name + "'s start() began after the engine knew that the start of "
                            + failedCallsOver(name) + " had failed, and no live start needs it"
                            + " (R4)"
                    : name + " started before every earlier step of any dependent listing it"
                            + " was running (R2)");
        } else if (!needed(false, false, true).contains(name)) {
            violation(entry, name + "'s start() began after the start() of " + threwUnder(name)
                    + " had thrown, in the same start, and no other live start needs it: no"
                    + " further start() (R4)");
        }
        Long since = readySince.remove(name);
        if (timed && since != null && entry.time() - since > CONCURRENT_NANOS) {
            violation(entry, name + "'s start() was called "
                    + ReadableDuration.of(entry.time() - since)
                    + " of virtual time after it could be: a step's services start"
                    + " concurrently (R2)");
        }
        life.alive = true;
        life.running = false;
        life.drained = false;
        life.draining = false;
        life.startInterrupted = false;
        life.stopInterrupted = false;
        life.closing = false;
        life.crash = null;
    }

    /**
     * Whether {@code name}'s stop must come after the drains of its tree: a {@code close()} (or
     * the close of a {@code run()} whose root started) holds it, and no start that failed does,
     * whose rollback might be the release that stops it, and drains nothing; nor a rollback
     * that gave up at its deadline, whose stops go on late.
     */
    private boolean drainsBeforeItsStop(String name) {
        for (Call call : calls) {
            if (treeHolds(call.root, name)
                    && (call.kind.equals("start") || call.kind.equals("run"))
                    && (call.failedWith != null || call.threw != null)) {
                return false;
            }
        }
        return !lateRollbackStops.contains(name) && closeHolds(name);
    }

    /**
     * Whether a {@code close()}, or the close of a {@code run()} whose root ran, holds it; or one
     * did, and timed out: its stop goes on late, drains too, after the call returned.
     */
    private boolean closeHolds(String name) {
        for (String root : givenUp) {
            if (treeHolds(root, name)) {
                return true;
            }
        }
        for (Call call : calls) {
            if (treeHolds(call.root, name) && (call.kind.equals("close")
                    || (call.kind.equals("run") && call.started.contains(call.root)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the tree of {@code root}, a service of the graph, holds {@code name}. */
    private boolean treeHolds(String root, String name) {
        return graph.has(root) && graph.reachFrom(root).contains(name);
    }

    private void startEnded(Journal.Entry entry, String name) {
        if (mustInterrupt.remove(name)) {
            violation(entry, name + "'s start() ran on after the start it was called for had"
                    + " failed, and was not interrupted: concurrent starts are interrupted (R4)");
        }
    }

    private void stopping(Journal.Entry entry, Vertex vertex, Life life) {
        String name = vertex.name();
        if (!life.running) {
            violation(entry, name + " stopped, but its start had not returned or had failed"
                    + " (R4)");
        }
        if (drainsBeforeItsStop(name)) {
            for (String member : graph.reachFrom(name)) {
                Life other = life(member);
                if (graph.vertex(member).drains() && other.running && !other.drained) {
                    violation(entry, name + "'s stop() was called before " + member + " had"
                            + " drained: every drain of a tree comes before its first stop()"
                            + " (drain before stop)");
                }
            }
        }
        for (String parent : vertex.parents()) {
            Life dependent = life(parent);
            if (dependent.alive || dependent.tasks > 0) {
                violation(entry, name + " stopped while its dependent " + parent + " was "
                        + (dependent.alive ? "alive" : "still running tasks") + " (R1)");
            }
        }
        if (!vertex.root() && vertex.parents().size() == 1) {
            Vertex parent = graph.vertex(vertex.parents().iterator().next());
            boolean later = false;
            for (List<String> step : parent.steps()) {
                for (String other : step) {
                    Vertex sibling = graph.vertex(other);
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
        life.stopBegan = entry.time();
        life.stopCalled = entry.index();
    }

    // ------------------------------------------------------------------ the engine's decisions

    private void engine(Journal.Entry entry) {
        String name = entry.service();
        Life life = life(name);
        switch (entry.kind()) {
            case LOGGED_ERROR -> {
                reachedSomeone.addAll(journal.reachedAt(entry.index()));
                errorLogs.merge(failure(entry), 1, Integer::sum);
            }
            case LOGGED -> reachedSomeone.addAll(journal.reachedAt(entry.index()));
            case CALL_FAILED -> callFailed(name, failure(entry));
            case CRASH -> crashed(name, failure(entry));
            case INTERRUPTS_START -> {
                if (life.startInterrupted) {
                    // right only at its deadline, which a timeout naming it will show (R7)
                    waitingForTimeout.computeIfAbsent(name, unused -> new ArrayList<>()).add(
                            "#" + entry.index() + " (" + entry + "): " + name + "'s start()"
                            + " was interrupted twice in one start, not at a deadline: the"
                            + " engine cuts a hook short once (R4)");
                }
                life.startInterrupted = true;
                mustInterrupt.remove(name);
            }
            case INTERRUPTS_STOP -> {
                life.stopInterrupted = true;
                // only a deadline interrupts a stop(): the close over it gave up (R7)
                for (Call call : calls) {
                    if (call.kind.equals("close") && treeHolds(call.root, name)) {
                        call.deadlinePassed = Math.min(call.deadlinePassed, entry.index());
                    }
                }
            }
            case INTERRUPTS_TASK -> life.stopInterrupted = true;
            case CANCELS_TASKS -> {
                if (life.alive && !life.stopInterrupted) {
                    violation(entry, name + "'s tasks were cancelled while its "
                            + (life.stopping ? "stop()" : "start() or life") + " still ran: they"
                            + " are interrupted after stop() returns (R6)");
                }
            }
            default -> { }
        }
    }

    private void callFailed(String root, Throwable failure) {
        for (Call call : calls) {
            if (call.root.equals(root) && call.starting()) {
                call.failedWith = failure;
                break;
            }
        }
        if (!graph.has(root)) {
            return;
        }
        // a start under way that a live call holds goes on: that call will need it
        var held = new LinkedHashSet<String>();
        for (Call call : calls) {
            if (call.starting() && graph.has(call.root)) {
                held.addAll(graph.reachFrom(call.root));
            }
        }
        for (String name : graph.reachFrom(root)) {
            Life life = life(name);
            if (life.alive && !life.running && !life.stopping && !life.startInterrupted
                    && !held.contains(name)) {
                mustInterrupt.add(name);
            }
        }
    }

    /** A task of {@code name} failed: every running root over it crashed, every start over it fails. */
    private void crashed(String name, Throwable crash) {
        crashes.add(crash);
        taskFailures.removeIf(entry -> entry.failure() == crash);
        for (Vertex vertex : graph.vertices()) {
            if (!graph.reachFrom(vertex.name()).contains(name)) {
                continue;
            }
            Life life = life(vertex.name());
            if (life.running && !life.closing && life.crash == null) {
                life.crash = crash;
            }
        }
        for (Call call : calls) {
            if (call.starting() && treeHolds(call.root, name) && !life(call.root).running) {
                call.crashesWhileStarting.add(crash);
            }
        }
    }

    // ------------------------------------------------------------------ the scenario's calls

    private void caller(Journal.Entry entry, String event) {
        String root = entry.service();
        if (event.endsWith(" threw")) {
            Set<Throwable> reached = journal.reachedAt(entry.index());
            reachedSomeone.addAll(reached);
            for (Throwable thrown : reached) {
                if (crashes.contains(thrown) && !errorLogs.containsKey(thrown)) {
                    violation(entry, event + " the crash " + thrown + " before it was logged at"
                            + " ERROR: whoever catches a crash finds it logged (R6)");
                }
            }
        }
        switch (event) {
            case "start", "run", "await" -> calls.add(new Call(event, root, entry.time(),
                    aliveNow()));
            case "close" -> {
                calls.add(new Call(event, root, entry.time(), aliveNow()));
                if (held.getOrDefault(root, 0) == 1 && graph.has(root)) {
                    life(root).closing = true;
                }
            }
            case "started" -> {
                Call call = endCall(root, "start");
                held.merge(root, 1, Integer::sum);
                if (graph.has(root) && !life(root).running) {
                    violation(entry, "start returned, but " + root + " is not running (R4)");
                }
                if (call != null && call.failedWith != null) {
                    violation(entry, "start returned, though the engine knew it failed with "
                            + call.failedWith + " (R4)");
                }
                if (call != null && !call.crashesWhileStarting.isEmpty()) {
                    violation(entry, "start returned, though a task under it crashed while it"
                            + " started: " + call.crashesWhileStarting + " (R6)");
                }
            }
            case "start threw" -> failedStart(entry, root, endCall(root, "start"));
            case "closed", "close threw" -> closed(entry, root, endCall(root, "close"));
            case "awaited" -> {
                endCall(root, "await");
                Throwable crash = graph.has(root) ? life(root).crash : null;
                if (crash != null) {
                    violation(entry, "await() returned, though the stack of " + root
                            + " crashed with " + crash + " (R6)");
                }
            }
            case "await threw" -> {
                endCall(root, "await");
                Throwable thrown = failure(entry);
                if (crashes.contains(thrown)) {
                    crashesThrown.add(thrown);
                }
                Throwable crash = graph.has(root) ? life(root).crash : null;
                if (!(thrown instanceof InterruptedException) && !taskFailureUnder(root, thrown)) {
                    violation(entry, "await() threw " + thrown + ", not the failure of a task"
                            + " of a service " + root + " depends on (R6)");
                } else if (crash != null && thrown != crash
                        && !(thrown instanceof InterruptedException)) {
                    violation(entry, "await() of " + root + " ended with " + thrown
                            + ", not the crash of its stack " + crash + " (R6)");
                }
            }
            case "ran", "run threw" -> {
                Call call = endCall(root, "run");
                @Nullable Throwable thrown = entry.failure();
                if (thrown != null && crashes.contains(thrown)) {
                    crashesThrown.add(thrown);
                }
                if (call != null && thrown != null && hasTimeout(thrown)) {
                    timedOut = true;
                    giveUp(root);
                    excused(thrown);
                }
                settled(entry, root, thrown);
            }
            default -> { }
        }
    }

    /** The oldest call of {@code kind} on {@code root} in progress, taken out. */
    private @Nullable Call endCall(String root, String kind) {
        for (int at = 0; at < calls.size(); at++) {
            Call call = calls.get(at);
            if (call.root.equals(root) && call.kind.equals(kind)) {
                return calls.remove(at);
            }
        }
        return null;
    }

    private void failedStart(Journal.Entry entry, String root, @Nullable Call call) {
        Throwable thrown = failure(entry);
        Throwable known = call != null ? call.failedWith : null;
        if (known != null && thrown != known) {
            violation(entry, "start threw " + thrown + ", not the original failure " + known
                    + " the engine failed the start with (R4)");
        } else if (known == null && call != null && !call.startFailures.isEmpty()
                && call.startFailures.stream().noneMatch(failure -> failure == thrown)
                && !(thrown instanceof InterruptedException)
                && !refusedAfterGivenUpStop(thrown)) {
            violation(entry, "start threw " + thrown + ", not the original failure of a hook"
                    + " or task: " + call.startFailures + " (R4)");
        }
        boolean rollbackTimedOut = hasTimeout(thrown);
        timedOut |= rollbackTimedOut;
        if (rollbackTimedOut) {
            Set<String> needed = neededByHeldRoots(); // by others: before this root is given up
            for (String name : graph.reachFrom(root)) {
                if (life(name).alive && !needed.contains(name)) {
                    lateRollbackStops.add(name);
                }
            }
            giveUp(root);
            excused(thrown);
        }
        if (!rollbackTimedOut) {
            Set<String> tree = graph.reachFrom(root);
            tree.forEach(name -> failedStartTree.putIfAbsent(name, root));
            // a task that failed in the rollback, past its service's stop(), went with this
            // start's failure: no later close() of another life of that service owes it (R5)
            taskFailures.removeIf(each -> tree.contains(each.service()));
        }
        if (call != null && !rollbackTimedOut) {
            Set<String> needed = neededByHeldRoots();
            for (String started : call.started) {
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

    /** {@code root}'s stop was given up at its deadline: it goes on late, unheard. */
    private void giveUp(String root) {
        givenUp.add(root);
        if (graph.has(root)) {
            var lives = new HashMap<String, Integer>();
            for (String name : graph.reachFrom(root)) {
                lives.put(name, life(name).starts);
            }
            lateReleases.put(root, lives);
        }
    }

    private void closed(Journal.Entry entry, String root, @Nullable Call call) {
        held.merge(root, -1, Integer::sum);
        @Nullable Throwable thrown = entry.failure();
        Set<Throwable> reached = journal.reachedAt(entry.index());
        Throwable crash = graph.has(root) ? life(root).crash : null;
        boolean crashOwed = crash != null && !crashesThrown.contains(crash);
        if (thrown != null && crashes.contains(thrown)) {
            crashesThrown.add(thrown);
        }
        if (crashOwed && thrown != crash) {
            violation(entry, "close() of " + root + " " + (thrown == null ? "returned"
                    : "threw " + thrown) + ", not the crash of its stack, which no await() or"
                    + " run() threw: " + crash + " (R5)");
        }
        boolean timedOutBefore = timedOut;
        if (thrown != null && hasTimeout(thrown)) {
            timedOut = true;
            giveUp(root);
            excused(thrown);
            ShutdownTimeoutException timeout = timeoutIn(thrown);
            for (String name : timeout.stillStopping()) {
                if (call != null && graph.has(name) && !call.aliveAtCall.contains(name)
                        && !call.started.contains(name)) {
                    violation(entry, "the timeout names " + name + ", which this close() did"
                            + " not stop (R7)");
                }
            }
            if (!timedOutBefore && held.getOrDefault(root, 0) == 0) {
                var needed = new LinkedHashSet<String>(); // what other held roots keep running
                held.forEach((other, count) -> {
                    if (count > 0) {
                        needed.addAll(graph.reachFrom(other));
                    }
                });
                // a stop called once a deadline had passed (a dependency released by a stop
                // the deadline interrupted) was not under way when the engine gave up
                int gaveUp = call == null ? Integer.MAX_VALUE : call.deadlinePassed;
                for (String name : graph.reachFrom(root)) {
                    if (life(name).stopping && life(name).stopCalled < gaveUp
                            && !needed.contains(name)
                            && !timeout.stillStopping().contains(name)) {
                        violation(entry, "the timeout does not name " + name + ", still in"
                                + " stop() (R7)");
                    }
                }
            }
        } else if (call != null) {
            // only failures under this root: a stop given up earlier may end meanwhile; and a
            // service shared with a root given up may be stopped by that root's late release,
            // if it came last: its failures are then logged, not this call's (both are right)
            Set<String> under = graph.reachFrom(root);
            Set<String> releasedLate = new HashSet<>();
            lateReleases.forEach((other, lives) -> {
                if (!other.equals(root)) {
                    lives.forEach((name, starts) -> {
                        if (life(name).starts == starts) { // the same life, not a later one
                            releasedLate.add(name);
                        }
                    });
                }
            });
            var failed = new ArrayList<>(call.stopFailures.stream()
                    .filter(each -> under.contains(each.service()))
                    .filter(each -> !releasedLate.contains(each.service()))
                    .filter(each -> !isInterruption(failure(each))).toList());
            // a task that failed in a service another held root keeps running is no failure of
            // this close's stop (it stops nothing there): a crash, once the engine hears of it
            Set<String> keptRunning = new HashSet<>();
            held.forEach((other, count) -> {
                if (count > 0) {
                    keptRunning.addAll(graph.reachFrom(other));
                }
            });
            for (var each = taskFailures.iterator(); each.hasNext(); ) {
                Journal.Entry taskFailure = each.next();
                if (under.contains(taskFailure.service())
                        && !keptRunning.contains(taskFailure.service())) {
                    failed.add(taskFailure);
                    each.remove();
                }
            }
            failed.sort(java.util.Comparator.comparingInt(Journal.Entry::index));
            List<Throwable> stopFailures = failed.stream().map(RulesWalk::failure).toList();
            if (thrown == null && !stopFailures.isEmpty()) {
                violation(entry, "close() returned, but stop() failed: " + stopFailures + " (R5)");
            }
            if (thrown != null && !stopFailures.isEmpty()) {
                if (!crashOwed && !firstOrAlongside(thrown, failed) && !crashes.contains(thrown)) {
                    violation(entry, "close() threw " + thrown + ", not the first failure "
                            + stopFailures.get(0) + " (R5)");
                }
                for (Throwable other : stopFailures) {
                    if (!reached.contains(other)) {
                        violation(entry, "the stop failure " + other + " is lost (R5)");
                    }
                }
            }
        }
        if (call != null && held.getOrDefault(root, 0) == 0 && graph.has(root)
                && !neededByHeldRoots().contains(root)) {
            long elapsed = entry.time() - call.time;
            if (elapsed > nanos(graph.vertex(root))) {
                violation(entry, "the last close() of " + root + " took "
                        + ReadableDuration.of(elapsed) + ", past its timeout of "
                        + ReadableDuration.of(graph.vertex(root).timeout()) + " (R7)");
            }
        }
        settled(entry, root, thrown);
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
        Journal.EntryKind begin = switch (failed.kind()) {
            case START_FAILED -> Journal.EntryKind.START;
            case STOP_FAILED -> Journal.EntryKind.STOP;
            default -> Journal.EntryKind.TASK;
        };
        for (int at = failed.index() - 1; at >= 0; at--) {
            Journal.Entry earlier = entries.get(at);
            if (earlier.service().equals(failed.service()) && earlier.kind() == begin) {
                return at;
            }
        }
        return failed.index();
    }

    /** After a last close or a run: what only this root needed is stopped, but stuck. */
    private void settled(Journal.Entry entry, String root, @Nullable Throwable thrown) {
        if (!graph.has(root) || held.getOrDefault(root, 0) > 0
                || (thrown != null && hasTimeout(thrown))) {
            return;
        }
        Set<String> needed = neededByHeldRoots();
        for (String name : graph.reachFrom(root)) {
            if (life(name).alive && !needed.contains(name)) {
                violation(entry, "once " + root + " was let go, " + name
                        + " is still alive (R4/R5)");
            }
        }
    }

    private boolean taskFailureUnder(String root, Throwable crash) {
        Set<String> under = graph.reachFrom(root);
        for (Journal.Entry entry : entries) {
            if (entry.kind() == Journal.EntryKind.TASK_FAILED && entry.failure() == crash
                    && under.contains(entry.service())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ what is needed

    /**
     * What the start calls in progress need started now: their roots, and each service a
     * needed service not yet alive lists in a step all of whose earlier steps run.
     *
     * @param withFailed count the calls the engine said failed too
     * @param claimable only calls nothing under whose root is still stopping (the engine
     *     claims a tree once its earlier life is over)
     */
    private Set<String> needed(boolean withFailed, boolean claimable) {
        return needed(withFailed, claimable, false);
    }

    /** As {@link #needed(boolean, boolean)}; {@code liveOnly}: not the calls a start() threw in. */
    private Set<String> needed(boolean withFailed, boolean claimable, boolean liveOnly) {
        var needed = new LinkedHashSet<String>();
        var pending = new ArrayDeque<String>();
        for (Call call : calls) {
            boolean counts = (liveOnly ? call.live() : call.starting())
                    || (withFailed && (call.kind.equals("start") || call.kind.equals("run")));
            if (counts && graph.has(call.root)
                    && !(claimable && stoppingUnder(call.root))) {
                pending.add(call.root);
            }
        }
        for (String name = pending.poll(); name != null; name = pending.poll()) {
            if (!needed.add(name) || life(name).alive) {
                continue;
            }
            for (List<String> step : graph.vertex(name).steps()) {
                pending.addAll(step);
                if (!step.stream().allMatch(dependency -> life(dependency).running)) {
                    break;
                }
            }
        }
        return needed;
    }

    private boolean stoppingUnder(String root) {
        for (String name : graph.reachFrom(root)) {
            Life life = life(name);
            if (life.stopping || givenUp.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** The services whose start() threw in the calls whose trees hold {@code name}. */
    private String threwUnder(String name) {
        return overCallsHolding(name, call -> call.threw);
    }

    /** The roots of the calls the engine said failed whose trees hold {@code name}. */
    private String failedCallsOver(String name) {
        return overCallsHolding(name, call -> call.failedWith == null ? null : call.root);
    }

    /** What {@code what} says of each call whose tree holds {@code name}, where it says something. */
    private String overCallsHolding(String name, Function<Call, @Nullable String> what) {
        var said = new LinkedHashSet<String>();
        for (Call call : calls) {
            String it = what.apply(call);
            if (it != null && treeHolds(call.root, name)) {
                said.add(it);
            }
        }
        return String.join(", ", said);
    }

    /** Keeps, for each service not alive, since when it could have been started. */
    private void readiness(long now) {
        Set<String> needed = needed(false, true);
        for (Vertex vertex : graph.vertices()) {
            String name = vertex.name();
            boolean ready = needed.contains(name) && !life(name).alive
                    && vertex.steps().stream().flatMap(List::stream)
                            .allMatch(dependency -> life(dependency).running);
            if (ready) {
                readySince.putIfAbsent(name, now);
            } else {
                readySince.remove(name);
            }
        }
    }

    /**
     * What must stay alive: everything under a held root, and everything under a service
     * whose stop is still going (given up at a deadline: R1 keeps its dependencies).
     */
    private Set<String> neededByHeldRoots() {
        var needed = new LinkedHashSet<String>();
        held.forEach((root, count) -> {
            if (count > 0) {
                needed.addAll(graph.reachFrom(root));
            }
        });
        lives.forEach((name, life) -> {
            if (life.stopping) {
                needed.addAll(graph.reachFrom(name));
            }
        });
        givenUp.forEach(name -> needed.addAll(graph.reachFrom(name)));
        return needed;
    }

    // ------------------------------------------------------------------ the end

    private void atTheEnd() {
        for (Journal.Entry failed : failures) {
            Throwable failure = failure(failed);
            // a hook stuck until the simulation ended it: the run is over, nobody is left
            if (!reachedSomeone.contains(failure) && !(failure instanceof SimulationOver)) {
                String rule = switch (failed.kind()) {
                    case START_FAILED -> "R4";
                    case STOP_FAILED -> "R5";
                    default -> "R6";
                };
                violations.add("#" + failed.index() + " (" + failed + "): the failure " + failure
                        + " reached no caller and was not logged: no failure is lost (" + rule
                        + ")");
            }
        }
        errorLogs.forEach((failure, count) -> {
            if (count > 1) {
                violations.add("a crash logged " + count + " times at ERROR, not once: " + failure
                        + " (R6)");
            }
        });
        for (Throwable crash : crashes) {
            if (!errorLogs.containsKey(crash)) {
                violations.add("a crash never logged at ERROR: " + crash + " (R6)");
            }
        }
        // under a root whose stop timed out, the rest stops late on fresh deadlines that
        // no caller hears of: a sibling given up there excuses the order too
        var late = new LinkedHashSet<String>();
        givenUp.forEach(root -> late.addAll(graph.reachFrom(root)));
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

    // ------------------------------------------------------------------ small things

    private Life life(String name) {
        return lives.computeIfAbsent(name, unused -> new Life());
    }

    private void violation(Journal.Entry entry, String text) {
        violations.add("#" + entry.index() + " (" + entry + "): " + text);
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

    private static long nanos(Vertex vertex) {
        try {
            return vertex.timeout().toNanos();
        } catch (ArithmeticException unbounded) {
            return Long.MAX_VALUE / 2;
        }
    }

    private static Throwable failure(Journal.Entry entry) {
        Throwable failure = entry.failure();
        return failure != null ? failure : new IllegalStateException("no failure recorded");
    }

    private static boolean hasTimeout(Throwable thrown) {
        if (Invariants.isTimeout(thrown)) {
            return true;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (Invariants.isTimeout(suppressed)) {
                return true;
            }
        }
        return false;
    }

    private static ShutdownTimeoutException timeoutIn(Throwable thrown) {
        if (thrown instanceof ShutdownTimeoutException timeout) {
            return timeout;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (suppressed instanceof ShutdownTimeoutException timeout) {
                return timeout;
            }
        }
        throw new IllegalStateException("no timeout in " + thrown);
    }

    private static boolean isInterruption(Throwable failure) {
        return failure instanceof InterruptedException
                || failure instanceof java.util.concurrent.CancellationException;
    }

    private static Set<Throwable> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
