/**
 * Test support for facet users: scripted services, a journal of what they did, and a
 * deterministic backend that runs a whole service graph on one seed, in virtual time.
 *
 * <p>API status: experimental until 1.0.
 */
module facet.testkit {
    requires transitive facet.api;
    requires facet.engine;
    requires static org.jspecify;

    exports facet.testkit;
}
