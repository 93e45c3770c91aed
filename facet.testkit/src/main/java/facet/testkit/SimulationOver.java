package facet.testkit;

import java.io.Serial;

/**
 * Thrown in a strand of a simulation that is over (finished, or failed) from its next call into
 * the backend, so that the strand unwinds and ends. Never seen by a test.
 */
final class SimulationOver extends Error {

    @Serial private static final long serialVersionUID = 1L;

    SimulationOver() {
        super("the simulation is over", null, false, false);
    }
}
