package facet.testkit;

import facet.engine.Engine;
import facet.engine.spi.TestkitAccess;
import facet.engine.event.EngineListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a scenario on a deterministic backend: one seed, one exact sequence of events, and time
 * that costs nothing.
 *
 * {@snippet file=facet/testkit/SimulationSnippets.java region=run}
 *
 * <p>Every strand is a real thread, but only one runs at a time: the schedule decides which, at
 * every call the engine makes to its backend. Timeouts and graceful shutdown deadlines pass in
 * virtual time. A run that deadlocks, livelocks, or blocks outside the backend fails with a
 * {@link SimulationException} that describes every strand and gives the line to replay it.
 *
 * <p>The application runs unchanged as long as it waits through facet: {@code Facet.sleep} and
 * {@code Facet.clock()} (virtual time here, real time elsewhere), the futures of tasks, of
 * {@code onExit()} and of {@code startAsync()}, {@code await()} and {@code close()}; and a hook
 * that calls {@code Facet.start} or {@code Facet.run} starts on this simulation's engine. A real
 * lock, {@code Thread.sleep}, an I/O wait or a spin stalls the run: the watchdog reports it, with
 * the strand's stack and the line to replay it. What the engine logs is kept in the
 * {@linkplain Result#log() result}, not printed.
 */
public final class Simulation {

    /**
     * What a simulation runs, on its first strand.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Scenario<T extends @Nullable Object> {

        /**
         * Runs the scenario.
         *
         * @param facet the simulation's {@link facet.api.Facet}
         * @return anything the test wants back
         * @throws Exception anything: it is kept in the result
         */
        T run(SimulatedFacet facet) throws Exception;
    }

    /**
     * How a scenario ended, and the choices that led there.
     *
     * <p>A scenario that throws does not fail the run by itself: a test that expects a failure
     * reads it from {@link #thrown()}. A test that expects none calls {@link #orThrow()}, which
     * turns what the application threw into a failure of the test, with the line that replays
     * the run.
     *
     * @param value what the scenario returned, if it returned
     * @param thrown what the scenario threw, if it threw
     * @param choices every choice the schedule made, for {@link Simulation#replaying(List)}
     * @param steps how many scheduling points the run passed
     * @param virtualTime how much virtual time passed
     * @param replay the Java that runs the same simulation again, as
     *     {@link Simulation#replayLine()}
     * @param log what the engine logged in the run, every level (lifecycle lines at DEBUG,
     *     crashes at ERROR), each line as {@code [1.5 ms] ERROR message: exception} with the
     *     virtual time it was logged at; kept here instead of printed, so that many runs that
     *     crash on purpose stay quiet
     * @param <T> the type of the value
     */
    public record Result<T extends @Nullable Object>(@Nullable T value, @Nullable Throwable thrown,
            List<Integer> choices, long steps, Duration virtualTime, String replay,
            List<String> log) {

        /** Keeps the lists as they are now. */
        public Result {
            choices = List.copyOf(choices);
            log = List.copyOf(log);
        }

        /**
         * What the scenario returned, or a failure if it threw.
         *
         * {@snippet file=facet/testkit/SimulationSnippets.java region=orThrow}
         *
         * @return {@link #value()}
         * @throws SimulationException of kind {@link SimulationException.Kind#SCENARIO_FAILED},
         *     caused by what the scenario threw, if it threw; its message ends with the replay
         *     line
         */
        public @Nullable T orThrow() {
            Throwable failure = thrown;
            if (failure != null) {
                throw SimulationException.scenarioFailed(failure, steps, virtualTime)
                        .endedWith(log, replay);
            }
            return value;
        }
    }

    static {
        // before anything here touches the engine: on the class path, beside an engine on the
        // module path, its internals are not exported to this module otherwise
        TestkitAccess.open();
    }

    private static final long STEP_BUDGET = 1_000_000;
    private static final Duration TIME_BUDGET = Duration.ofDays(1);
    private static final Duration WATCHDOG = Duration.ofSeconds(10);

    /** A fresh schedule for each run, so that running one simulation twice gives one run. */
    private final Supplier<Schedule> schedule;
    /** The Java that makes this schedule's simulation, or null for a schedule of the user's. */
    private final @Nullable String origin;
    private final long stepBudget;
    private final Duration timeBudget;
    private final Duration watchdog;
    private final @Nullable Journal journal;
    /**
     * The choices the last run made, for {@link #shrink()}: shared with the copies that differ
     * only in budgets or journal, which a test makes from the simulation it was given.
     */
    private final AtomicReference<@Nullable List<Integer>> lastRun;

    private Simulation(Supplier<Schedule> schedule, @Nullable String origin, long stepBudget,
            Duration timeBudget, Duration watchdog, @Nullable Journal journal,
            AtomicReference<@Nullable List<Integer>> lastRun) {
        this.schedule = schedule;
        this.lastRun = lastRun;
        this.origin = origin;
        this.stepBudget = stepBudget;
        this.timeBudget = timeBudget;
        this.watchdog = watchdog;
        this.journal = journal;
    }

    private static Simulation on(Supplier<Schedule> schedule, @Nullable String origin) {
        return new Simulation(schedule, origin, STEP_BUDGET, TIME_BUDGET, WATCHDOG, null,
                new AtomicReference<>());
    }

    /**
     * A simulation on a random schedule fixed by {@code seed}.
     *
     * @param seed the seed
     * @return the simulation
     */
    public static Simulation seeded(long seed) {
        return on(() -> new RandomSchedule(seed), "Simulation.seeded(" + seed + "L)");
    }

    /**
     * A simulation replaying recorded choices.
     *
     * @param choices {@link Result#choices()} of an earlier run
     * @return the simulation
     */
    public static Simulation replaying(List<Integer> choices) {
        var copy = List.copyOf(choices);
        return on(() -> new ReplaySchedule(copy), replayingOrigin(copy));
    }

    /**
     * A simulation on a schedule of your own: a strategy for which strand runs next. It goes
     * on, at each run, where the last run left it. Its replay line can only name it; the report
     * of a run on it gives the choices the run made, as {@link #replaying(List)}, which replays
     * that run exactly.
     *
     * @param schedule the schedule
     * @return the simulation
     */
    public static Simulation of(Schedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        return on(() -> schedule, null);
    }

    /**
     * At most this many scheduling points; past it, the run fails as a livelock.
     *
     * @param steps the budget; a million by default
     * @return a copy with that budget
     */
    public Simulation stepBudget(long steps) {
        return new Simulation(schedule, origin, steps, timeBudget, watchdog, journal, lastRun);
    }

    /**
     * At most this much virtual time; past it, the run fails as a livelock.
     *
     * @param time the budget; a day by default
     * @return a copy with that budget
     */
    public Simulation timeBudget(Duration time) {
        return new Simulation(schedule, origin, stepBudget, Objects.requireNonNull(time),
                watchdog, journal, lastRun);
    }

    /**
     * How long (real time) a strand may hold the baton without reaching a scheduling point,
     * blocked outside the backend or spinning, before the run fails.
     *
     * @param limit the limit; ten seconds by default
     * @return a copy with that limit
     */
    public Simulation watchdog(Duration limit) {
        return new Simulation(schedule, origin, stepBudget, timeBudget,
                Objects.requireNonNull(limit), journal, lastRun);
    }

    /**
     * Records into {@code journal} every hook and task the engine runs (for every service, not
     * only scripted ones: {@code start}, {@code started}, {@code start failed}, {@code stop},
     * ..., {@code task}, {@code task done}, {@code task failed}) and every call of the scenario
     * on its {@link SimulatedFacet} and handles, so that {@link Invariants} can check the run.
     * Scripted services may record into the same journal: once a simulation records there, they
     * leave out their own records of hooks and tasks, so each is recorded once.
     *
     * @param journal where to record
     * @return a copy that records there
     */
    public Simulation journal(Journal journal) {
        return new Simulation(schedule, origin, stepBudget, timeBudget, watchdog,
                Objects.requireNonNull(journal), lastRun);
    }

    /**
     * Simpler simulations than this one, whose last run failed: for {@link Property#shrinking},
     * so that a failing schedule of your own graph shrinks as generated scenarios do. A
     * simulation on a seed first becomes one replaying the choices its run made (the same run);
     * that one then offers, each as a simulation with the same budgets, its first half of
     * choices, then each choice made the first option, one at a time: the first option is the
     * most sequential run, and few choices left are few places to look.
     *
     * {@snippet file=facet/testkit/SimulationSnippets.java region=shrink}
     *
     * <p>The last run is this simulation's, or that of a copy made of it with other budgets or a
     * journal. Nothing if none has run, or the last run made no choice.
     *
     * @return candidates, each simpler in one way
     */
    public Stream<Simulation> shrink() {
        List<Integer> choices = lastRun.get();
        if (choices == null || choices.isEmpty()) {
            return Stream.empty();
        }
        if (!replayingOrigin(choices).equals(origin)) {
            return Stream.of(replayingWithBudgets(choices)); // pinned: the same run, on choices
        }
        return ReplaySchedule.simpler(choices).map(this::replayingWithBudgets);
    }

    private Simulation replayingWithBudgets(List<Integer> choices) {
        return new Simulation(() -> new ReplaySchedule(choices), replayingOrigin(choices),
                stepBudget, timeBudget, watchdog, journal, new AtomicReference<>());
    }

    private static String replayingOrigin(List<Integer> choices) {
        return "Simulation.replaying(" + ReplaySchedule.listOf(choices) + ")";
    }

    /**
     * The Java that creates this simulation again, with the budgets it has: what a failure's
     * report ends with. On a schedule of your own it can only name it; a run's report gives its
     * recorded choices instead.
     *
     * @return a line such as {@code Simulation.seeded(42L)} or
     *     {@code Simulation.seeded(42L).stepBudget(500)}
     */
    public String replayLine() {
        return (origin == null ? "Simulation.of(" + schedule.get() + ")" : origin) + budgets();
    }

    private String replayLine(List<Integer> choices) {
        return origin == null ? replayingOrigin(choices) + budgets() : replayLine();
    }

    /** The budgets that differ from the defaults, as the calls that set them. */
    private String budgets() {
        var calls = new StringBuilder();
        if (stepBudget != STEP_BUDGET) {
            calls.append(".stepBudget(").append(stepBudget).append(')');
        }
        if (!timeBudget.equals(TIME_BUDGET)) {
            calls.append(".timeBudget(").append(javaOf(timeBudget)).append(')');
        }
        if (!watchdog.equals(WATCHDOG)) {
            calls.append(".watchdog(").append(javaOf(watchdog)).append(')');
        }
        return calls.toString();
    }

    /** A duration as the shortest Java that makes it. */
    private static String javaOf(Duration duration) {
        if (duration.toNanosPart() == 0) {
            long seconds = duration.toSeconds();
            if (seconds % 86_400 == 0) {
                return "Duration.ofDays(" + seconds / 86_400 + ")";
            }
            if (seconds % 3_600 == 0) {
                return "Duration.ofHours(" + seconds / 3_600 + ")";
            }
            if (seconds % 60 == 0) {
                return "Duration.ofMinutes(" + seconds / 60 + ")";
            }
            return "Duration.ofSeconds(" + seconds + ")";
        }
        if (duration.toNanosPart() % 1_000_000 == 0) {
            return "Duration.ofMillis(" + duration.toMillis() + ")";
        }
        return "Duration.ofSeconds(" + duration.toSeconds() + ", " + duration.toNanosPart() + ")";
    }

    /**
     * Runs {@code scenario} to its end: until it returned and no strand can run any more.
     * Strands still waiting then (a hook that ignored every interrupt) are ended.
     *
     * @param scenario what to run
     * @param <T> what it returns
     * @return how it ended
     * @throws SimulationException if the run deadlocked, livelocked, blocked outside the
     *     backend, or a strand failed
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    public <T extends @Nullable Object> Result<T> run(Scenario<T> scenario)
            throws InterruptedException {
        var backend = new SimulatedBackend(schedule.get(), stepBudget, timeBudget.toNanos());
        Journal target = journal;
        if (target != null) {
            target.feedFromEngine();
        }
        var log = new SimulationLog(backend);
        var engine = new Engine(backend,
                target == null ? EngineListener.NONE : target::record, log);
        var outcome = new Object() {
            @Nullable T value;
            @Nullable Throwable thrown;
        };
        try {
            backend.runMain(() -> {
                var facet = new SimulatedFacet(engine, new CallerJournal(target));
                engine.callsFromItsStrands(facet.asStrandCalls());
                try {
                    // the first strand is the engine's too: Facet's calls made in it reach it
                    outcome.value = engine.callOnItsStrand(() -> scenario.run(facet));
                } catch (SimulationOver over) {
                    throw over;
                } catch (Throwable thrown) {
                    outcome.thrown = thrown;
                }
            }, watchdog.toNanos());
        } finally {
            engine.discard();
        }
        List<Integer> choices = backend.choices();
        lastRun.set(choices);
        String replay = replayLine(choices);
        SimulationException failure = backend.failure();
        if (failure != null) {
            throw failure.endedWith(log.lines(), replay);
        }
        return new Result<>(outcome.value, outcome.thrown, choices, backend.steps(),
                Duration.ofNanos(backend.currentTime() - SimulatedBackend.EPOCH), replay,
                log.lines());
    }

    /**
     * Whether the calling thread is a strand of a running simulation.
     *
     * @return {@code true} on a strand
     */
    public static boolean active() {
        return backendOfCurrentThread() != null;
    }

    static @Nullable SimulatedBackend backendOfCurrentThread() {
        SimulatedBackend.SimStrand strand = SimulatedBackend.currentStrand();
        return strand == null ? null : strand.backend();
    }

    @Override
    public String toString() {
        return replayLine();
    }
}
