/**
 * The facet engine: ordering, sharing, failure propagation and timeouts.
 *
 * <p>Exports only the {@linkplain facet.engine.spi execution backend SPI}; provides the
 * bootstrap that {@code facet.api} looks for, and uses the backends that
 * {@code facet.executor.virtual} and {@code facet.executor.threads} provide.
 */
// facet.testkit is built after this module: the qualified export names a module javac cannot see
@SuppressWarnings("module")
module facet.engine {
    requires transitive facet.api;
    requires static org.jspecify;
    requires jdk.jfr; // the flight recorder's events of each hook, task failure and abandoned stop
    requires jdk.unsupported; // sun.misc.Signal: a second Ctrl-C during shutdown halts

    exports facet.engine.spi;
    // the deterministic backend and the property tests drive an Engine directly, and journal
    // what it tells
    exports facet.engine to facet.testkit;
    exports facet.engine.event to facet.testkit;

    provides facet.api.spi.FacetProvider with facet.engine.EngineFacetProvider;

    uses facet.engine.spi.ExecutionBackend;
    uses facet.api.LifecycleListener;
}
