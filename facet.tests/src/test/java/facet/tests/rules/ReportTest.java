package facet.tests.rules;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.LifecycleReport;
import facet.api.LifecycleReport.CriticalStart;
import facet.api.LifecycleReport.Entry;
import facet.api.LifecycleReport.State;
import facet.api.Running;
import facet.testkit.Action;
import facet.testkit.ScriptedService;
import facet.testkit.Simulation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Running.report()}: each service's state and timings, the critical path of the start,
 * the stop once the tree stopped; drawn as a text tree and a Mermaid gantt chart. In a
 * simulation, hooks take exactly the virtual time they sleep, so every time here is exact.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReportTest extends Graphs {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private ScriptedService timed(String name, long startMillis, long stopMillis) {
        return service(name).onStart(Action.sleep(ms(startMillis)))
                .onStop(Action.sleep(ms(stopMillis)));
    }

    /**
     * The README's mixed steps: api on db, then cache (on db too) and metrics together. Hooks
     * take (start, stop): db 20 and 3 ms, cache 100 and 2, metrics 10 and 1, api 30 and 4.
     */
    private record MixedSteps(ScriptedService db, ScriptedService cache,
            ScriptedService metrics, ScriptedService api) {}

    private MixedSteps mixedSteps() {
        var db = timed("db", 20, 3);
        var cache = timed("cache", 100, 2).dependsOn(Dependencies.of(db));
        var metrics = timed("metrics", 10, 1);
        var api = timed("api", 30, 4).dependsOn(Dependencies.of(db).thenParallel(cache, metrics));
        return new MixedSteps(db, cache, metrics, api);
    }

    /** A report taken while the tree runs, and one after its close. */
    private record Reports(LifecycleReport running, LifecycleReport closed) {}

    private static Reports reportsOf(ScriptedService root) throws Exception {
        return requireNonNull(Simulation.seeded(7).run(facet -> {
            Running<ScriptedService> running = facet.start(root);
            LifecycleReport whileRunning = running.report();
            Facet.sleep(Duration.ofSeconds(5));
            running.close();
            return new Reports(whileRunning, running.report());
        }).orThrow());
    }

    @Test
    void eachServiceHasItsStateAndTheTimesOfItsHooks() throws Exception {
        MixedSteps tree = mixedSteps();
        var db = tree.db();
        var cache = tree.cache();
        var api = tree.api();

        Reports reports = reportsOf(api);

        LifecycleReport running = reports.running();
        assertThat(running.root()).isSameAs(api);
        assertThat(running.entries()).extracting(Entry::name)
                .containsExactly("api", "db", "cache", "metrics");
        assertThat(running.entries()).extracting(Entry::state).containsOnly(State.RUNNING);
        assertThat(running.entry(cache)).satisfies(entry -> {
            assertThat(entry.startAt()).isEqualTo(ms(20));
            assertThat(entry.startTook()).isEqualTo(ms(100));
            assertThat(entry.stopAt()).as("not stopped yet").isNull();
            assertThat(entry.stopTook()).isNull();
            assertThat(entry.failure()).isNull();
            assertThat(entry.steps()).containsExactly(List.of(db));
        });
        assertThat(running.startTook()).isEqualTo(ms(150));

        LifecycleReport closed = reports.closed();
        assertThat(closed.entries()).extracting(Entry::state).containsOnly(State.STOPPED);
        assertThat(closed.entry(api).stopAt()).isEqualTo(ms(5150));
        assertThat(closed.entry(api).stopTook()).isEqualTo(ms(4));
        assertThat(closed.entry(cache).stopAt()).isEqualTo(ms(5154));
        assertThat(closed.entry(db).stopAt()).as("after cache, its dependent")
                .isEqualTo(ms(5156));
        assertThat(catchThrowable(() -> closed.entry(service("elsewhere"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("elsewhere is not in this report");
    }

    @Test
    void theCriticalPathIsTheChainOfStartsThatSetTheLengthOfTheStart() throws Exception {
        MixedSteps tree = mixedSteps();

        LifecycleReport report = reportsOf(tree.api()).running();

        assertThat(report.criticalPath()).extracting(start -> start.entry().service())
                .containsExactly(tree.db(), tree.cache(), tree.api());
        assertThat(report.criticalPath()).extracting(CriticalStart::took)
                .containsExactly(ms(20), ms(100), ms(30));
        assertThat(report.criticalPath()).extracting(CriticalStart::share)
                .containsExactly(20 / 150.0, 100 / 150.0, 30 / 150.0);
    }

    @Test
    void itReadsAsATextTreeAndAMermaidGanttChart() throws Exception {
        Reports reports = reportsOf(mixedSteps().api());

        assertThat(reports.running().toString()).isEqualTo("""
                api: started in 150.0 ms
                api            running  start() at +120.0 ms took 30.0 ms
                +- 1: db       running  start() at +0 ms took 20.0 ms
                +- 2: cache    running  start() at +20.0 ms took 100.0 ms
                |  \\- 1: db (above)
                \\- 2: metrics  running  start() at +20.0 ms took 10.0 ms
                critical path: db 20.0 ms (13%) -> cache 100.0 ms (67%) -> api 30.0 ms (20%)
                """);
        assertThat(reports.closed().toString()).isEqualTo("""
                api: started in 150.0 ms, stopped in 9.0 ms
                api            stopped  start() at +120.0 ms took 30.0 ms  \
                stop() at +5.15 s took 4.0 ms
                +- 1: db       stopped  start() at +0 ms took 20.0 ms      \
                stop() at +5.16 s took 3.0 ms
                +- 2: cache    stopped  start() at +20.0 ms took 100.0 ms  \
                stop() at +5.15 s took 2.0 ms
                |  \\- 1: db (above)
                \\- 2: metrics  stopped  start() at +20.0 ms took 10.0 ms   \
                stop() at +5.15 s took 1.0 ms
                critical path: db 20.0 ms (13%) -> cache 100.0 ms (67%) -> api 30.0 ms (20%)
                """);
        assertThat(reports.closed().toMermaid()).isEqualTo("""
                gantt
                    title api
                    dateFormat x
                    axisFormat %S.%L s
                    section start
                    db 20.0 ms :crit, 0, 20
                    cache 100.0 ms :crit, 20, 120
                    metrics 10.0 ms :20, 30
                    api 30.0 ms :crit, 120, 150
                    section stop
                    api 4.0 ms :5150, 5154
                    cache 2.0 ms :5154, 5156
                    metrics 1.0 ms :5154, 5155
                    db 3.0 ms :5156, 5159
                """);
    }

    @Test
    void aServiceRunningBeforeTheStartIsNotOnItsPath() throws Exception {
        var db = timed("db", 20, 0);
        var api = timed("api", 30, 0).dependsOn(Dependencies.of(db));

        LifecycleReport report = requireNonNull(Simulation.seeded(3).run(facet -> {
            try (var first = facet.start(db)) {
                Facet.sleep(Duration.ofSeconds(1));
                try (var second = facet.start(api)) {
                    return second.report();
                }
            }
        }).orThrow());

        assertThat(report.entry(db).startAt()).as("a second before api's start")
                .isEqualTo(ms(-1020));
        assertThat(report.criticalPath()).extracting(start -> start.entry().service())
                .containsExactly(api);
        assertThat(report.startTook()).isEqualTo(ms(30));
        assertThat(report.toString()).contains("start() at -1.02 s took 20.0 ms");
    }

    @Test
    void aStartOfARootRunningAlreadyHasNoPath() throws Exception {
        var db = timed("db", 20, 0);

        LifecycleReport report = requireNonNull(Simulation.seeded(3).run(facet -> {
            try (var first = facet.start(db)) {
                Facet.sleep(Duration.ofSeconds(1));
                try (var second = facet.start(db)) {
                    return second.report();
                }
            }
        }).orThrow());

        assertThat(report.entry(db).startAt()).as("a second before the second start")
                .isEqualTo(ms(-1020));
        assertThat(report.criticalPath()).as("it waited for no start()").isEmpty();
    }

    @Test
    void aPathEndsAtTheStartThatReturnedBeforeItsStartBegan() throws Exception {
        var db = timed("db", 10, 0);
        var cache = timed("cache", 100, 0).dependsOn(Dependencies.of(db));
        var api = timed("api", 30, 0).dependsOn(Dependencies.of(cache));

        LifecycleReport report = requireNonNull(Simulation.seeded(3).run(facet -> {
            var first = facet.startAsync(cache);
            Facet.sleep(ms(50)); // db returned at 10 ms, and its return called cache's start
            try (var second = facet.start(api); var held = first.get()) {
                return second.report();
            }
        }).orThrow());

        assertThat(report.entry(db).startAt()).isEqualTo(ms(-50));
        assertThat(report.entry(cache).startAt()).isEqualTo(ms(-40));
        assertThat(report.criticalPath()).extracting(start -> start.entry().service())
                .as("cache returned within api's start; db before it began")
                .containsExactly(cache, api);
        assertThat(report.startTook()).isEqualTo(ms(90));
    }

    @Test
    void hooksThatTakeNoTimeAreOnThePathToo() throws Exception {
        var db = service("db");
        var api = service("api").dependsOn(Dependencies.of(db));

        LifecycleReport report = reportsOf(api).running();

        // in virtual time db is called, and returns, at the instant the start began
        assertThat(report.entry(db).startAt()).isEqualTo(Duration.ZERO);
        assertThat(report.entry(db).startTook()).isEqualTo(Duration.ZERO);
        assertThat(report.criticalPath()).extracting(start -> start.entry().service())
                .containsExactly(db, api);
    }

    @Test
    void aHookThatThrewIsNamedWithItsFailure() throws Exception {
        var broken = new IOException("disk full");
        var db = service("db").onStop(Action.fail(broken));
        var api = service("api").dependsOn(Dependencies.of(db));

        LifecycleReport report = requireNonNull(Simulation.seeded(5).run(facet -> {
            Running<?> running = facet.start(api);
            assertThat(catchThrowable(running::close)).isSameAs(broken);
            return running.report();
        }).orThrow());

        assertThat(report.entry(db).failure()).isSameAs(broken);
        assertThat(report.entry(db).state()).isEqualTo(State.STOPPED);
        assertThat(report.entry(api).failure()).isNull();
        assertThat(report.toString()).contains("failed: java.io.IOException: disk full\n");
    }

    @Test
    void theJvmsEngineReportsToo() throws Exception {
        var db = service("report-db");
        var api = service("report-api").dependsOn(Dependencies.of(db));

        LifecycleReport running;
        Running<?> handle;
        try (var held = Facet.start(api)) {
            handle = held;
            running = held.report();
        }
        LifecycleReport closed = handle.report();

        assertThat(running.entries()).extracting(Entry::state).containsOnly(State.RUNNING);
        assertThat(running.entries()).allSatisfy(entry -> {
            assertThat(entry.startAt()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
            assertThat(entry.startTook()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
        });
        assertThat(running.criticalPath()).extracting(start -> start.entry().service())
                .containsExactly(db, api);
        assertThat(closed.entries()).extracting(Entry::state).containsOnly(State.STOPPED);
        assertThat(closed.entries()).allSatisfy(entry ->
                assertThat(entry.stopTook()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO));
    }

    @Test
    void anEngineMakesAReportOfACompleteTreeOnly() {
        var db = service("db");
        var api = service("api").dependsOn(Dependencies.of(db));
        Entry apiEntry = new Entry(api, "api", State.RUNNING, List.of(List.of(db)), ms(1), ms(2),
                null, null, null);
        Entry dbEntry = new Entry(db, "db", State.STARTING, List.of(), ms(0), null, null, null,
                null);

        assertThat(catchThrowable(() -> LifecycleReport.of(List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a report has a root");
        assertThat(catchThrowable(() -> LifecycleReport.of(List.of(apiEntry), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a dependency of api has no entry");
        assertThat(catchThrowable(() -> LifecycleReport.of(List.of(apiEntry, apiEntry),
                List.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("api has two entries");
        assertThat(catchThrowable(() -> LifecycleReport.of(List.of(apiEntry, dbEntry),
                List.of(db, api)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the start of db on the critical path has not ended");
        assertThat(LifecycleReport.of(List.of(apiEntry, dbEntry), List.of(api)).startTook())
                .isEqualTo(ms(3));
    }
}
