/**
 * Test support for facet users. Filled by later work; see the package description.
 */
module facet.testkit {
    requires transitive facet.api;
    requires static org.jspecify;

    exports facet.testkit;
}
