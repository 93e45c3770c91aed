package facet.testkit;

import facet.api.Service;

/** The compiled example of the javadoc of {@link Invariants}. */
final class InvariantsSnippets {

    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    static void check(long seed, Service app) throws InterruptedException {
        // @start region=check
        var journal = new Journal();
        Simulation.seeded(seed).journal(journal).run(facet -> {
            try (var running = facet.start(app)) { }
            return null;
        });
        Invariants.of(app).check(journal);   // throws AssertionError listing every violation
        // @end
    }
}
