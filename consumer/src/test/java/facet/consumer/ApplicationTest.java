package facet.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import facet.api.Dependencies;
import facet.testkit.Action;
import facet.testkit.Invariants;
import facet.testkit.Journal;
import facet.testkit.Property;
import facet.testkit.ScriptedService;
import facet.testkit.Simulation;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The application's own graph on facet's testkit, as the README shows it: on a deterministic
 * backend, one seed per run, checked against the rules R1-R7.
 */
class ApplicationTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void everyScheduleKeepsTheRules() {
        Property.forAll(seed -> seed)
                .tries(500)
                .check(seed -> {
                    var journal = new Journal();
                    var events = new Events();
                    var app = new Web(events);
                    var rules = Invariants.of(app);
                    Simulation.seeded(seed).journal(journal).run(facet -> {
                        facet.start(app).close();
                        return null;
                    }).orThrow();
                    rules.check(journal);
                    // the rules hold of any run, an empty one too: this one did run the graph
                    assertEquals(List.of("db", "cache", "web"), events.services("start"));
                    assertEquals(List.of("web", "cache", "db"), events.services("stop"));
                    assertEquals(1, journal.count("cache", "task"));
                    // whenever the warm-up ran, the database was open: tasks end before the
                    // dependencies of their service stop (R6)
                    assertEquals("hello", app.cache().get("greeting"));
                });
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aFailedStartRollsTheApplicationBack() throws InterruptedException {
        // one journal for the simulation and the scripted services: each hook is recorded once
        var journal = new Journal();
        var events = new Events();
        var app = new Web(events);
        var refused = new IOException("port 8080 in use");
        // a listener that starts once the whole application runs, and fails
        var listener = ScriptedService.named("listener", journal).onStart(Action.fail(refused));
        var root = ScriptedService.named("server", journal)
                .dependsOn(Dependencies.of(app).then(listener));
        var rules = Invariants.of(root);

        var result = Simulation.seeded(7).journal(journal).run(facet -> {
            facet.start(root).close();
            return null;
        });

        assertSame(refused, result.thrown());
        rules.check(journal);
        assertEquals(List.of("db", "cache", "web"), events.services("start"));
        assertEquals(List.of("web", "cache", "db"), events.services("stop"));
        assertEquals(List.of("listener start", "listener start failed"), journal.lines().stream()
                .filter(line -> line.startsWith("listener ")).toList());
        // running() asks facet itself, which knows the services of every engine, this one too
        assertFalse(app.running() || app.cache().running() || app.db().running());
    }
}
