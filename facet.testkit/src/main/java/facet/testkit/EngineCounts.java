package facet.testkit;

import facet.engine.Engine;
import facet.engine.spi.TestkitAccess;

/**
 * What the engine keeps, counted: for tests that prove nothing leaks after many starts and
 * stops. Both counts are over every engine in the JVM (the one {@code Facet} uses and any a
 * {@link Simulation} makes).
 *
 * {@snippet file=facet/testkit/EngineCountsSnippets.java region=nothingLeaks}
 */
public final class EngineCounts {

    static {
        // before anything here touches the engine: on the class path, beside an engine on the
        // module path, its internals are not exported to this module otherwise
        TestkitAccess.open();
    }

    private EngineCounts() {}

    /**
     * Services live (starting, running or stopping) in any engine.
     *
     * @return zero once every root is closed and every stop has ended
     */
    public static int liveServices() {
        return Engine.liveServices();
    }

    /**
     * Workers alive: the strands that run hooks and tasks, spares standing by included. A worker
     * ends shortly after the last run it could take, so this reaches zero a little after the
     * last stop returns, not at once.
     *
     * @return zero once the engine is idle
     */
    public static int liveWorkers() {
        return Engine.liveWorkers();
    }
}
