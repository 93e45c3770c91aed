package facet.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import facet.api.Running;
import facet.junit.SimulatedTest;
import facet.junit.Started;
import facet.testkit.Invariants;
import facet.testkit.Journal;
import facet.testkit.Simulation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The application with {@code facet.junit}, in this modular project under Surefire's defaults:
 * started around the class on the real backend, and checked over seeds in the simulation.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JUnitIntegrationTest {

    static final Events events = new Events();

    @Started static final Web web = new Web(events);

    @Test
    void theApplicationRunsAroundTheTests(Running<Web> running, Web started) {
        assertSame(web, started);
        assertSame(web, running.service());
        assertTrue(web.running() && web.cache().running() && web.db().running());
        assertEquals(List.of("db", "cache", "web"), events.services("start"));
    }

    @SimulatedTest(tries = 200)
    void everyScheduleKeepsTheRules(Simulation simulation) throws Exception {
        var journal = new Journal();
        var app = new Web(new Events());
        var rules = Invariants.of(app);
        simulation.journal(journal).run(facet -> {
            facet.start(app).close();
            return null;
        }).orThrow();
        rules.check(journal);
    }
}
