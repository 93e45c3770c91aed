package facet.testkit;

import facet.engine.Engine;
import facet.engine.event.EngineListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
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
 * <p>Code inside a simulation must wait only through the engine (futures of tasks, handles) or
 * {@link #sleep(Duration)}: a real lock, sleep or I/O wait stalls the whole run, and the
 * watchdog reports it.
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
     * @param value what the scenario returned, if it returned
     * @param thrown what the scenario threw, if it threw
     * @param choices every choice the schedule made, for {@link Schedule#replay(List)}
     * @param steps how many scheduling points the run passed
     * @param virtualTime how much virtual time passed
     * @param <T> the type of the value
     */
    public record Result<T extends @Nullable Object>(@Nullable T value, @Nullable Throwable thrown,
            List<Integer> choices, long steps, Duration virtualTime) {}

    private final Schedule schedule;
    private final String replay;
    private final long stepBudget;
    private final Duration timeBudget;
    private final Duration watchdog;
    private final @Nullable Journal journal;

    private Simulation(Schedule schedule, String replay, long stepBudget, Duration timeBudget,
            Duration watchdog, @Nullable Journal journal) {
        this.schedule = schedule;
        this.replay = replay;
        this.stepBudget = stepBudget;
        this.timeBudget = timeBudget;
        this.watchdog = watchdog;
        this.journal = journal;
    }

    /**
     * A simulation on a random schedule fixed by {@code seed}.
     *
     * @param seed the seed
     * @return the simulation
     */
    public static Simulation seeded(long seed) {
        return new Simulation(Schedule.random(seed), "Simulation.seeded(" + seed + "L)",
                1_000_000, Duration.ofDays(1), Duration.ofSeconds(10), null);
    }

    /**
     * A simulation replaying recorded choices.
     *
     * @param choices {@link Result#choices()} of an earlier run
     * @return the simulation
     */
    public static Simulation replaying(List<Integer> choices) {
        String list = choices.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new Simulation(Schedule.replay(choices),
                "Simulation.replaying(List.of(" + list + "))",
                1_000_000, Duration.ofDays(1), Duration.ofSeconds(10), null);
    }

    /**
     * A simulation on a schedule of your own.
     *
     * @param schedule the schedule
     * @return the simulation
     */
    public static Simulation of(Schedule schedule) {
        return new Simulation(Objects.requireNonNull(schedule), "Simulation.of(" + schedule + ")",
                1_000_000, Duration.ofDays(1), Duration.ofSeconds(10), null);
    }

    /**
     * At most this many scheduling points; past it, the run fails as a livelock.
     *
     * @param steps the budget; a million by default
     * @return a copy with that budget
     */
    public Simulation stepBudget(long steps) {
        return new Simulation(schedule, replay, steps, timeBudget, watchdog, journal);
    }

    /**
     * At most this much virtual time; past it, the run fails as a livelock.
     *
     * @param time the budget; a day by default
     * @return a copy with that budget
     */
    public Simulation timeBudget(Duration time) {
        return new Simulation(schedule, replay, stepBudget, time, watchdog, journal);
    }

    /**
     * How long (real time) a strand may block outside the backend before the run fails.
     *
     * @param limit the limit; ten seconds by default
     * @return a copy with that limit
     */
    public Simulation watchdog(Duration limit) {
        return new Simulation(schedule, replay, stepBudget, timeBudget, limit, journal);
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
        return new Simulation(schedule, replay, stepBudget, timeBudget, watchdog,
                Objects.requireNonNull(journal));
    }

    /**
     * The Java that creates this simulation again.
     *
     * @return a line such as {@code Simulation.seeded(42L)}
     */
    public String replayLine() {
        return replay;
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
        var backend = new SimulatedBackend(schedule, stepBudget, timeBudget.toNanos());
        Journal target = journal;
        if (target != null) {
            target.feedFromEngine();
        }
        var engine = new Engine(backend,
                target == null ? EngineListener.NONE : target::record);
        var outcome = new Object() {
            @Nullable T value;
            @Nullable Throwable thrown;
        };
        try {
            backend.runMain(() -> {
                try {
                    outcome.value = scenario.run(
                            new SimulatedFacet(engine, new CallerJournal(target)));
                } catch (SimulationOver over) {
                    throw over;
                } catch (Throwable thrown) {
                    outcome.thrown = thrown;
                }
            }, watchdog.toNanos());
        } finally {
            engine.discard();
        }
        SimulationException failure = backend.failure();
        if (failure != null) {
            throw failure.replayedBy(replay);
        }
        return new Result<>(outcome.value, outcome.thrown, backend.choices(), backend.steps(),
                Duration.ofNanos(backend.currentTime() - SimulatedBackend.EPOCH));
    }

    /**
     * Sleeps: in virtual time on a strand of a simulation (it returns at once in real time),
     * else as {@link Thread#sleep(Duration)}.
     *
     * @param duration how long
     * @throws InterruptedException if interrupted meanwhile
     */
    public static void sleep(Duration duration) throws InterruptedException {
        SimulatedBackend backend = backendOfCurrentThread();
        if (backend == null) {
            Thread.sleep(duration);
        } else {
            backend.sleep(duration.toNanos());
        }
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
        return replay;
    }
}
