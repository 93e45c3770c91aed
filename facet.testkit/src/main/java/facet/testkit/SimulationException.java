package facet.testkit;

import java.io.Serial;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A simulation that could not run to its end: a deadlock, a livelock, a strand blocked outside
 * the backend, or a strand that threw. The message says what each strand was doing, and how to
 * replay the run exactly.
 */
public final class SimulationException extends AssertionError {

    @Serial private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Every strand waits, and nothing it waits for can come. */
        DEADLOCK,
        /** The run took more scheduling points, or more virtual time, than its budget. */
        LIVELOCK,
        /**
         * The baton holder reached no scheduling point for longer than the watchdog allows:
         * blocked outside the backend, or spinning.
         */
        WATCHDOG,
        /** A strand other than the scenario's threw. */
        STRAND_FAILED,
        /**
         * The run ended, but the scenario threw: the application failed. Only
         * {@link Simulation.Result#orThrow()} reports it; {@link Simulation#run} keeps it in
         * {@link Simulation.Result#thrown()}.
         */
        SCENARIO_FAILED
    }

    /** What went wrong. */
    private final Kind kind;
    /** The line that replays the run ({@code Simulation.seeded(...)}), once known. */
    private String replay = "";
    /** Every line the engine logged in the run, once known. */
    private String[] log = {};

    private SimulationException(Kind kind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    static SimulationException deadlock(String strands, SimulatedBackend backend) {
        return new SimulationException(Kind.DEADLOCK, "deadlock " + backend.describeTime()
                + ": every strand waits for something nobody will do" + strands, null);
    }

    static SimulationException livelock(String what, SimulatedBackend backend) {
        return new SimulationException(Kind.LIVELOCK, "livelock " + backend.describeTime()
                + ": " + what + "; strands:" + backend.describeLive(), null);
    }

    static SimulationException watchdog(SimulatedBackend.SimStrand strand, boolean blocked,
            long limitNanos, SimulatedBackend backend) {
        var where = new Throwable(strand.current() + " (stack at detection)");
        where.setStackTrace(strand.stackTrace());
        String doing = blocked
                ? "blocked outside the backend (a lock, an I/O call, a sleep the simulation"
                        + " cannot see)"
                : "running without reaching a scheduling point (a spin on a flag, a busy loop:"
                        + " wait through facet instead)";
        return new SimulationException(Kind.WATCHDOG, strand.current() + " held the baton for more"
                + " than " + ReadableDuration.of(limitNanos) + " of real time, " + doing + " "
                + backend.describeTime(), where);
    }

    static SimulationException strandFailed(String strand, Throwable thrown,
            SimulatedBackend backend) {
        return new SimulationException(Kind.STRAND_FAILED,
                strand + " threw " + thrown + " " + backend.describeTime(), thrown);
    }

    static SimulationException scenarioFailed(Throwable thrown, long steps, Duration time) {
        return new SimulationException(Kind.SCENARIO_FAILED, "the scenario threw " + thrown
                + " (the run ended after " + steps + " scheduling points, at virtual time "
                + ReadableDuration.of(time) + ")", thrown);
    }

    /** Adds the run's log and the line that replays it, once the simulation knows them. */
    SimulationException endedWith(List<String> runLog, String line) {
        log = runLog.toArray(String[]::new);
        replay = line;
        return this;
    }

    /**
     * What went wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Java code that runs the same simulation again, choice for choice.
     *
     * @return a line such as {@code Simulation.seeded(42L)}
     */
    public String replay() {
        return replay;
    }

    /**
     * What the engine logged in the run, every level, each line with its virtual time: as
     * {@link Simulation.Result#log()}. The message shows the last warnings and errors of it.
     *
     * @return the lines, in the order logged
     */
    public List<String> log() {
        return List.of(log);
    }

    @Override
    public String getMessage() {
        String message = String.valueOf(super.getMessage());
        message += SimulationLog.warningsIn(log());
        return replay.isEmpty() ? message : message + "\nreplay: " + replay;
    }
}
