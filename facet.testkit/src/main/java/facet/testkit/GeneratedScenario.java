package facet.testkit;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.FailureContext;
import facet.api.Running;
import facet.api.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A generated test case: a graph of scripted services with faults, the roots a scenario starts
 * and the order it closes them in, and the schedule it runs on. A plain value: {@link #toString()}
 * is one line that {@link #parse(String)} reads back, so a failure replays from its report.
 *
 * <p>{@link #run()} builds the services, starts every root, lets virtual time pass so that timed
 * faults happen (or, in a scenario with a short pause, as they happen), awaits the
 * {@code interrupted} roots with its interrupt status set, awaits those of the {@code awaited}
 * roots whose stack crashed, closes every root, all in a journaled {@link Simulation}, and checks
 * the {@link Invariants}.
 *
 * @param services the services, {@code s0} to {@code sN}; a service depends only on later ones
 * @param roots the indexes of the services the scenario starts, in that order
 * @param closeOrder the same indexes, in the order the scenario closes them
 * @param awaited the roots the scenario awaits before it closes them, if their stack crashed;
 *     the others it closes without awaiting (so their close throws the crash)
 * @param seed the schedule's seed, when {@code choices} is empty
 * @param choices recorded schedule choices to replay instead of the seed, when not empty
 * @param pauseMillis how long, in virtual milliseconds, the scenario waits between the starts and
 *     the awaits: 30 seconds by default, so that every timed fault has happened; 0, 1 or 5 in
 *     scenarios whose awaits and closes race tasks that crash at once (a crash decided but not yet
 *     logged as a call finds it)
 * @param interrupted the roots the scenario awaits right after the pause with its interrupt
 *     status set, crashed or not: such an {@code await()} throws {@code InterruptedException},
 *     with the status kept (R12), unless it has a crash to throw that is logged already (R6), or
 *     the root is over; empty but in some scenarios with a short pause
 */
public record GeneratedScenario(List<Spec> services, List<Integer> roots, List<Integer> closeOrder,
        List<Integer> awaited, long seed, List<Integer> choices, long pauseMillis,
        List<Integer> interrupted) {

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" +");
    private static final java.util.regex.Pattern BAR = java.util.regex.Pattern.compile("\\|");
    private static final java.util.regex.Pattern COMMA = java.util.regex.Pattern.compile(",");

    /** How long a scenario lets virtual time pass between the starts and the closes, unless said. */
    static final long PAUSE_MILLIS = 30_000;

    /**
     * One service of a scenario.
     *
     * @param steps its dependencies: steps of indexes of later services
     * @param timeoutMillis its graceful shutdown timeout
     * @param faults what goes wrong in it, and whether it is not {@code Drainable}
     */
    public record Spec(List<List<Integer>> steps, long timeoutMillis, List<Fault> faults) {

        /**
         * Defensive copies.
         *
         * @throws IllegalArgumentException if it is not {@code Drainable} and has a drain fault
         */
        public Spec {
            steps = steps.stream().map(List::copyOf).toList();
            faults = List.copyOf(faults);
            if (faults.stream().anyMatch(fault -> fault.kind() == FaultKind.NOT_DRAINABLE)
                    && faults.stream().anyMatch(fault -> fault.kind().drains())) {
                throw new IllegalArgumentException(
                        "a service that is not Drainable has no drain to fault: " + faults);
            }
        }

        /** Whether it is {@code Drainable}: no {@link FaultKind#NOT_DRAINABLE} among its faults. */
        boolean drainable() {
            return faults.stream().noneMatch(fault -> fault.kind() == FaultKind.NOT_DRAINABLE);
        }
    }

    /**
     * The faults a scripted service can have, and one trait: that it is not {@code Drainable}.
     */
    public enum FaultKind {
        /** {@code start()} throws. */
        START_FAILS("SF"),
        /** {@code start()} takes time. */
        START_SLOW("SS"),
        /**
         * {@code start()} takes time and, if interrupted meanwhile, swallows the interrupt and
         * returns: the engine must then stop it, though it asked it to give up.
         */
        START_SWALLOWS_INTERRUPT("SI"),
        /** {@code stop()} throws. */
        STOP_FAILS("XF"),
        /** {@code stop()} takes time, maybe past the timeout. */
        STOP_SLOW("XS"),
        /** {@code stop()} blocks until interrupted. */
        STOP_HANGS("XH"),
        /** {@code stop()} blocks and ignores every interrupt. */
        STOP_IGNORES_INTERRUPTS("XI"),
        /** {@code start()} adds a task that fails after a while: a crash. */
        TASK_CRASHES("TC"),
        /** {@code start()} adds a task that runs a while (interruptibly). */
        TASK_RUNS("TR"),
        /** {@code drain()} takes a while (interruptibly): drained before its tree stops. */
        DRAIN_SLOW("DS"),
        /** {@code drain()} throws: a failure of the stop it comes before. */
        DRAIN_FAILS("DF"),
        /** {@code drain()} blocks until interrupted: at the deadline of the stop it precedes. */
        DRAIN_HANGS("DH"),
        /**
         * Not a fault: the service is a plain {@code Service}, not {@code Drainable}, as most
         * are ({@link ScriptedService#plain}); its time is unused. No drain fault goes with it.
         */
        NOT_DRAINABLE("ND");

        final String code;

        FaultKind(String code) {
            this.code = code;
        }

        /** Whether it is a fault of {@code drain()}. */
        boolean drains() {
            return this == DRAIN_SLOW || this == DRAIN_FAILS || this == DRAIN_HANGS;
        }

        static FaultKind of(String code) {
            return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fault " + code));
        }
    }

    /**
     * Something a service does besides succeeding at once.
     *
     * @param kind what
     * @param millis how long it takes, or after how long it happens, in virtual time
     */
    public record Fault(FaultKind kind, long millis) {

        @Override
        public String toString() {
            return kind.code + millis;
        }
    }

    /**
     * Defensive copies.
     *
     * @throws IllegalArgumentException if the pause is negative
     */
    public GeneratedScenario {
        services = List.copyOf(services);
        roots = List.copyOf(roots);
        closeOrder = List.copyOf(closeOrder);
        awaited = List.copyOf(awaited);
        choices = List.copyOf(choices);
        interrupted = List.copyOf(interrupted);
        if (pauseMillis < 0) {
            throw new IllegalArgumentException("a negative pause: " + pauseMillis);
        }
    }

    /**
     * A scenario with the default pause of 30 virtual seconds.
     *
     * @param services as for the record
     * @param roots as for the record
     * @param closeOrder as for the record
     * @param awaited as for the record
     * @param seed as for the record
     * @param choices as for the record
     */
    public GeneratedScenario(List<Spec> services, List<Integer> roots, List<Integer> closeOrder,
            List<Integer> awaited, long seed, List<Integer> choices) {
        this(services, roots, closeOrder, awaited, seed, choices, PAUSE_MILLIS);
    }

    /**
     * A scenario that interrupts no await.
     *
     * @param services as for the record
     * @param roots as for the record
     * @param closeOrder as for the record
     * @param awaited as for the record
     * @param seed as for the record
     * @param choices as for the record
     * @param pauseMillis as for the record
     */
    public GeneratedScenario(List<Spec> services, List<Integer> roots, List<Integer> closeOrder,
            List<Integer> awaited, long seed, List<Integer> choices, long pauseMillis) {
        this(services, roots, closeOrder, awaited, seed, choices, pauseMillis, List.of());
    }

    /** The same scenario on recorded schedule choices. */
    GeneratedScenario replaying(List<Integer> recorded) {
        return new GeneratedScenario(services, roots, closeOrder, awaited, seed, recorded,
                pauseMillis, interrupted);
    }

    /**
     * The failure a {@link FaultKind#START_FAILS}, {@link FaultKind#STOP_FAILS},
     * {@link FaultKind#TASK_CRASHES} or {@link FaultKind#DRAIN_FAILS} fault throws: it names the
     * service and the fault.
     */
    public static final class InjectedFailure extends Exception {

        @java.io.Serial private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message, null, true, false); // no stack trace: cheap; suppression kept (R5)
        }
    }

    /**
     * How a run of a scenario went.
     *
     * @param scenario the scenario, on the choices its run made
     * @param journal what happened
     * @param violations what the {@link Invariants} found, plus the scenario's own checks
     * @param steps the scheduling points the run passed
     */
    public record Outcome(GeneratedScenario scenario, Journal journal, List<String> violations,
            long steps) {}

    /**
     * Runs the scenario in a journaled simulation and checks it.
     *
     * @return how it went
     * @throws SimulationException if the run deadlocked, livelocked or blocked outside the backend
     * @throws InterruptedException if the calling thread is interrupted
     */
    public Outcome run() throws InterruptedException {
        // one journal for the scripted services and the engine, as a user may write it: each
        // hook must still be recorded once
        var journal = new Journal();
        var built = build(journal);
        List<ScriptedService> rootServices = roots.stream().map(built::get).toList();
        var invariants = Invariants.of(rootServices);
        Simulation simulation = choices.isEmpty() ? Simulation.seeded(seed)
                : Simulation.replaying(choices);
        var crashedAtProbe = new LinkedHashMap<String, Boolean>();
        var interruptsLost = new ArrayList<String>();
        var reports = new ReportCheck();
        Simulation.Result<@Nullable Void> result = simulation.journal(journal)
                .stepBudget(200_000).<@Nullable Void>run(facet -> {
                    var held = new LinkedHashMap<Integer, Running<ScriptedService>>();
                    for (int root : roots) {
                        try {
                            held.put(root, facet.start(built.get(root)));
                        } catch (Exception failed) {
                            // the journal has it; the invariants check it
                        }
                    }
                    Facet.sleep(Duration.ofMillis(pauseMillis));
                    for (int root : interrupted) {
                        Running<ScriptedService> running = held.get(root);
                        if (running != null && !interruptedAwaitKeptItsStatus(running)) {
                            interruptsLost.add("await() of s" + root + " threw"
                                    + " InterruptedException and cleared the interrupt status"
                                    + " (R12)");
                        }
                    }
                    journal.record("scenario", "probe");
                    for (var entry : held.entrySet()) {
                        reports.check(entry.getValue().report(), reached(entry.getKey(), built));
                    }
                    for (var entry : held.entrySet()) {
                        boolean crashed = entry.getValue().onExit().isCompletedExceptionally();
                        crashedAtProbe.put(built.get(entry.getKey()).toString(), crashed);
                        if (crashed && awaited.contains(entry.getKey())) {
                            try {
                                entry.getValue().await();
                            } catch (Exception crash) {
                                // the journal has it; the invariants check it
                            }
                        }
                    }
                    for (int root : closeOrder) {
                        Running<ScriptedService> running = held.get(root);
                        if (running != null) {
                            try {
                                running.close();
                            } catch (Exception failed) {
                                // the journal has it; the invariants check it
                            }
                        }
                    }
                    for (var entry : held.entrySet()) {
                        reports.check(entry.getValue().report(), reached(entry.getKey(), built));
                    }
                    return null;
                });
        var violations = new ArrayList<>(invariants.violations(journal));
        violations.addAll(crashesReached(journal, crashedAtProbe));
        violations.addAll(interruptsLost);
        violations.addAll(reports.violations());
        violations.addAll(contextsAttached(journal));
        if (result.thrown() != null) {
            violations.add("the scenario itself threw " + result.thrown());
        }
        return new Outcome(replaying(result.choices()), journal, violations, result.steps());
    }

    /**
     * Awaits {@code running} with the interrupt status set; whether an
     * {@code InterruptedException} it threw left the status set, as R12 says (true if it threw
     * none). The status is clear again on return, so the closes that follow run their course.
     */
    private static boolean interruptedAwaitKeptItsStatus(Running<ScriptedService> running) {
        Thread.currentThread().interrupt();
        try {
            running.await();
            return true;
        } catch (InterruptedException interrupt) {
            return Thread.currentThread().isInterrupted();
        } catch (Exception crash) {
            return true; // the journal has it; the invariants check it
        } finally {
            var unused = Thread.interrupted();
        }
    }

    /**
     * R6, as far as the journal can tell: a held root whose stack crashed had a task fail under
     * it before the probe; a crash the engine decided under it after its start returned did
     * crash it. (A task's failure is recorded before the engine hears of it: with a short pause
     * the probe may come between the two, and a crash decided just before the start returned may
     * reach the root or fail its start; either is right.)
     */
    private List<String> crashesReached(Journal journal, Map<String, Boolean> crashedAtProbe) {
        var violations = new ArrayList<String>();
        int probe = journal.indexOf("scenario", "probe");
        for (var root : crashedAtProbe.entrySet()) {
            int index = Integer.parseInt(root.getKey().substring(1));
            int held = journal.indexOf(root.getKey(), "caller started");
            boolean crashUnder = false;
            boolean crashWhileHeld = false;
            for (Journal.Entry entry : journal.entries()) {
                boolean taskFailed = entry.kind() == Journal.EntryKind.TASK_FAILED
                        && entry.failure() instanceof InjectedFailure;
                boolean crashDecided = entry.kind() == Journal.EntryKind.CRASH;
                if (entry.index() < probe && (taskFailed || crashDecided)
                        && reaches(index, Integer.parseInt(entry.service().substring(1)))) {
                    crashUnder |= taskFailed;
                    crashWhileHeld |= crashDecided && entry.index() > held;
                }
            }
            if (root.getValue() && !crashUnder) {
                violations.add(root.getKey() + " crashed, though no task under it failed (R6)");
            }
            if (!root.getValue() && crashWhileHeld) {
                violations.add(root.getKey()
                        + " did not crash, though a task under it failed while it ran (R6)");
            }
        }
        return violations;
    }

    /**
     * Every failure a hook or task threw carries a {@link FailureContext} naming its service and
     * hook, once the engine heard of it (it did of all of them by the end: nothing hangs past it).
     */
    private static List<String> contextsAttached(Journal journal) {
        var violations = new ArrayList<String>();
        for (Journal.Entry entry : journal.entries()) {
            String hook = switch (entry.kind()) {
                case START_FAILED -> "start";
                case STOP_FAILED -> "stop";
                case TASK_FAILED -> "task";
                default -> null;
            };
            Throwable failure = entry.failure();
            if (hook == null || failure == null || entry.event().startsWith("engine")
                    || failure instanceof SimulationOver) { // cut short as the run ended
                continue;
            }
            boolean named = Arrays.stream(failure.getSuppressed()).anyMatch(suppressed ->
                    suppressed instanceof FailureContext context && context.hook().equals(hook)
                            && context.path().get(context.path().size() - 1)
                                    .equals(entry.service()));
            if (!named && !endedByItsCancel(entry)) {
                violations.add("#" + entry.index() + " (" + entry + "): " + failure
                        + " carries no FailureContext naming " + entry.service() + "'s " + hook);
            }
        }
        return violations;
    }

    /**
     * A task's interrupt: the engine cancelled it (its service stops, or its start failed), which
     * ends it without a failure. The scenarios' tasks end by an interrupt only then.
     */
    private static boolean endedByItsCancel(Journal.Entry entry) {
        return entry.kind() == Journal.EntryKind.TASK_FAILED
                && entry.failure() instanceof InterruptedException;
    }

    /** Every service reached from {@code root}, itself included. */
    private Set<Service> reached(int root, List<ScriptedService> built) {
        var reached = Collections.newSetFromMap(new IdentityHashMap<Service, Boolean>());
        for (int index = 0; index < services.size(); index++) {
            if (reaches(root, index)) {
                reached.add(built.get(index));
            }
        }
        return reached;
    }

    private boolean reaches(int from, int to) {
        if (from == to) {
            return true;
        }
        for (List<Integer> step : services.get(from).steps()) {
            for (int dependency : step) {
                if (reaches(dependency, to)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The scripted services, {@code s0} to {@code sN}, with their faults. */
    List<ScriptedService> build(Journal scripts) {
        var built = new ArrayList<ScriptedService>();
        for (int index = 0; index < services.size(); index++) {
            built.add(services.get(index).drainable() ? ScriptedService.named("s" + index, scripts)
                    : ScriptedService.plain("s" + index, scripts));
        }
        for (int index = 0; index < services.size(); index++) {
            Spec spec = services.get(index);
            ScriptedService service = built.get(index);
            var steps = new ArrayList<List<Service>>();
            for (List<Integer> step : spec.steps()) {
                steps.add(step.stream().map(built::get).map(Service.class::cast).toList());
            }
            Dependencies dependencies = Dependencies.none();
            for (List<Service> step : steps) {
                dependencies = dependencies.thenParallel(step);
            }
            service.dependsOn(dependencies).timeout(Duration.ofMillis(spec.timeoutMillis()));
            var onStart = new ArrayList<Action>();
            var onStop = new ArrayList<Action>();
            var onDrain = new ArrayList<Action>();
            // a hook first adds its tasks, then takes its time, then fails or hangs
            var faults = new ArrayList<>(spec.faults());
            faults.sort(java.util.Comparator.comparingInt(fault -> switch (fault.kind()) {
                case TASK_RUNS, TASK_CRASHES, STOP_SLOW, DRAIN_SLOW -> 0;
                case START_SLOW, START_SWALLOWS_INTERRUPT -> 1;
                default -> 2;
            }));
            for (Fault fault : faults) {
                Duration time = Duration.ofMillis(fault.millis());
                String name = "s" + index + " " + fault;
                switch (fault.kind()) {
                    case START_FAILS -> onStart.add(Action.fail(new InjectedFailure(name)));
                    case START_SLOW -> onStart.add(Action.sleep(time));
                    case START_SWALLOWS_INTERRUPT -> onStart.add(swallowingInterrupts(time));
                    case STOP_FAILS -> onStop.add(Action.fail(new InjectedFailure(name)));
                    case STOP_SLOW -> onStop.add(Action.sleep(time));
                    case STOP_HANGS -> onStop.add(Action.hangInterruptibly());
                    case STOP_IGNORES_INTERRUPTS -> onStop.add(Action.hangIgnoringInterrupts());
                    case TASK_CRASHES -> onStart.add(self -> self.addScriptedTask(task -> {
                        Facet.sleep(time);
                        throw new InjectedFailure(name);
                    }));
                    case TASK_RUNS -> onStart.add(self -> self.addScriptedTask(Action.sleep(time)));
                    case DRAIN_SLOW -> onDrain.add(Action.sleep(time));
                    case DRAIN_FAILS -> onDrain.add(Action.fail(new InjectedFailure(name)));
                    case DRAIN_HANGS -> onDrain.add(Action.hangInterruptibly());
                    case NOT_DRAINABLE -> { } // made so above
                }
            }
            service.onStart(inOrder(onStart)).onStop(inOrder(onStop));
            if (!onDrain.isEmpty()) {
                service.onDrain(inOrder(onDrain));
            }
        }
        return built;
    }

    private static Action swallowingInterrupts(Duration time) {
        return service -> {
            try {
                Facet.sleep(time);
            } catch (InterruptedException swallowed) {
                service.journal().record(service.toString(), "ignored an interrupt");
            }
        };
    }

    private static Action inOrder(List<Action> actions) {
        return service -> {
            for (Action action : actions) {
                action.run(service);
            }
        };
    }

    /**
     * The scenario as one line: {@code s0[1,2|3]t10000{SF0} s1[]t50{} ... roots=0,4 close=4,0
     * await=0 seed=42 choices=}, where {@code [1,2|3]} is the steps (parallel within, {@code |} between)
     * and {@code t} the timeout in milliseconds; then {@code pause=0} if the pause is not the
     * default, and {@code interrupt=0} if some awaits are interrupted.
     */
    @Override
    public String toString() {
        var line = new StringBuilder();
        for (int index = 0; index < services.size(); index++) {
            Spec spec = services.get(index);
            line.append('s').append(index).append('[')
                    .append(spec.steps().stream()
                            .map(step -> step.stream().map(String::valueOf)
                                    .collect(Collectors.joining(",")))
                            .collect(Collectors.joining("|")))
                    .append("]t").append(spec.timeoutMillis()).append('{')
                    .append(spec.faults().stream().map(Fault::toString)
                            .collect(Collectors.joining(",")))
                    .append("} ");
        }
        return line.append("roots=").append(join(roots)).append(" close=")
                .append(join(closeOrder)).append(" await=").append(join(awaited))
                .append(" seed=").append(seed).append(" choices=")
                .append(join(choices))
                .append(pauseMillis == PAUSE_MILLIS ? "" : " pause=" + pauseMillis)
                .append(interrupted.isEmpty() ? "" : " interrupt=" + join(interrupted))
                .toString();
    }

    /**
     * Reads back what {@link #toString()} wrote. A line without {@code await=} (from before it
     * was there) awaits every root; one without {@code pause=} pauses 30 seconds; one without
     * {@code interrupt=} interrupts no await.
     *
     * @param line the line
     * @return the scenario
     * @throws IllegalArgumentException if the line is not one
     */
    public static GeneratedScenario parse(String line) {
        var services = new ArrayList<Spec>();
        List<Integer> roots = List.of();
        List<Integer> close = List.of();
        @Nullable List<Integer> awaited = null;
        long seed = 0;
        List<Integer> choices = List.of();
        long pause = PAUSE_MILLIS;
        List<Integer> interrupted = List.of();
        for (String part : SPACES.splitAsStream(line.trim()).toList()) {
            if (part.startsWith("roots=")) {
                roots = numbers(part.substring(6));
            } else if (part.startsWith("close=")) {
                close = numbers(part.substring(6));
            } else if (part.startsWith("await=")) {
                awaited = numbers(part.substring(6));
            } else if (part.startsWith("seed=")) {
                seed = Long.parseLong(part.substring(5));
            } else if (part.startsWith("choices=")) {
                choices = numbers(part.substring(8));
            } else if (part.startsWith("pause=")) {
                pause = Long.parseLong(part.substring(6));
            } else if (part.startsWith("interrupt=")) {
                interrupted = numbers(part.substring(10));
            } else {
                services.add(spec(part));
            }
        }
        return new GeneratedScenario(services, roots, close, awaited != null ? awaited : roots,
                seed, choices, pause, interrupted);
    }

    private static Spec spec(String part) {
        int open = part.indexOf('[');
        int closed = part.indexOf(']');
        int brace = part.indexOf('{');
        if (open < 0 || closed < open || brace < closed || !part.endsWith("}")) {
            throw new IllegalArgumentException("not a service: " + part);
        }
        String stepText = part.substring(open + 1, closed);
        List<List<Integer>> steps = stepText.isEmpty() ? List.of()
                : BAR.splitAsStream(stepText).map(GeneratedScenario::numbers).toList();
        long timeout = Long.parseLong(part.substring(closed + 2, brace));
        String faultText = part.substring(brace + 1, part.length() - 1);
        List<Fault> faults = faultText.isEmpty() ? List.of() : COMMA.splitAsStream(faultText)
                .map(code -> new Fault(FaultKind.of(code.substring(0, 2)),
                        Long.parseLong(code.substring(2))))
                .toList();
        return new Spec(steps, timeout, faults);
    }

    private static List<Integer> numbers(String text) {
        return text.isEmpty() ? List.of()
                : COMMA.splitAsStream(text).map(Integer::valueOf).toList();
    }

    private static String join(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
