package facet.testkit;

import java.io.Serial;
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
        /** The baton holder blocked outside the backend, for longer than the watchdog allows. */
        WATCHDOG,
        /** A strand other than the scenario's threw. */
        STRAND_FAILED
    }

    /** What went wrong. */
    private final Kind kind;
    /** The line that replays the run ({@code Simulation.seeded(...)}), once known. */
    private String replay = "";

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

    static SimulationException watchdog(SimulatedBackend.SimStrand strand, long millis,
            SimulatedBackend backend) {
        var blocked = new Throwable(strand.current() + " (stack at detection)");
        blocked.setStackTrace(strand.stackTrace());
        return new SimulationException(Kind.WATCHDOG, strand.current() + " held the baton for more"
                + " than " + millis + "ms of real time, blocked outside the backend (a lock, an"
                + " I/O call, a sleep the simulation cannot see) " + backend.describeTime(),
                blocked);
    }

    static SimulationException strandFailed(String strand, Throwable thrown,
            SimulatedBackend backend) {
        return new SimulationException(Kind.STRAND_FAILED,
                strand + " threw " + thrown + " " + backend.describeTime(), thrown);
    }

    /** Adds the line that replays this run, once the simulation knows it. */
    SimulationException replayedBy(String line) {
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

    @Override
    public String getMessage() {
        String message = String.valueOf(super.getMessage());
        return replay.isEmpty() ? message : message + "\nreplay: " + replay;
    }
}
