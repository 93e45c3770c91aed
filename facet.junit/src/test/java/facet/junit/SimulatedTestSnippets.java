package facet.junit;

import facet.testkit.Invariants;
import facet.testkit.Journal;
import facet.testkit.Simulation;

/** The compiled example of the javadoc of {@link SimulatedTest}. */
final class SimulatedTestSnippets {

    // @start region=example
    @SimulatedTest(tries = 500)
    void keepsTheRules(Simulation simulation) throws Exception {
        var journal = new Journal();
        var app = new Application();                    // a new graph for each try
        var rules = Invariants.of(app);
        simulation.journal(journal).run(facet -> {
            facet.start(app).close();
            return null;
        }).orThrow();                                   // the application threw nothing
        rules.check(journal);                           // and facet kept its rules
    }
    // @end
}
