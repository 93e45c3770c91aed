/**
 * JUnit Jupiter integration for facet: {@link facet.junit.Started} starts a graph of services
 * around a test class or method on a real backend, and {@link facet.junit.SimulatedTest} runs a
 * test method over many seeds of the deterministic simulation.
 *
 * <p>API status: experimental until 1.0.
 */
module facet.junit {
    requires transitive facet.api;
    requires transitive facet.testkit;
    requires transitive org.junit.jupiter.api;
    requires static org.jspecify;

    exports facet.junit;
}
