package facet.tests.rules;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.LifecycleReport;
import facet.api.LifecycleReport.CriticalStart;
import facet.api.LifecycleReport.Entry;
import facet.api.LifecycleReport.State;
import facet.api.Running;
import facet.api.Service;
import facet.testkit.Action;
import facet.testkit.Journal;
import facet.testkit.Property;
import facet.testkit.ScriptedService;
import facet.testkit.Simulation;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Running.report()} over generated trees (shared services, sequential and parallel steps,
 * hooks that take no time and hooks that take some) on generated schedules: in virtual time every
 * time it gives is exact, so each is checked against what the hooks did.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReportPropertyTest {

    /**
     * A tree to start: service {@code i} depends, step by step, on services after it; service 0
     * is the root. Each hook sleeps its given time.
     */
    record TimedTree(long seed, List<List<List<Integer>>> steps, List<Long> startMillis,
            List<Long> stopMillis) {

        static TimedTree generate(long seed) {
            var random = new Random(seed);
            int size = 1 + random.nextInt(10);
            var steps = new ArrayList<List<List<Integer>>>();
            var starts = new ArrayList<Long>();
            var stops = new ArrayList<Long>();
            for (int service = 0; service < size; service++) {
                var later = new ArrayList<Integer>();
                for (int dependency = service + 1; dependency < size; dependency++) {
                    later.add(dependency);
                }
                Collections.shuffle(later, random);
                int count = later.isEmpty() ? 0 : random.nextInt(Math.min(later.size(), 4) + 1);
                var own = new ArrayList<List<Integer>>();
                for (int at = 0; at < count; ) {
                    int width = 1 + random.nextInt(Math.min(3, count - at));
                    own.add(List.copyOf(later.subList(at, at + width)));
                    at += width;
                }
                steps.add(own);
                starts.add(random.nextInt(3) == 0 ? 0L : random.nextInt(100));
                stops.add(random.nextInt(3) == 0 ? 0L : random.nextInt(20));
            }
            return new TimedTree(seed, steps, starts, stops);
        }

        /** The same tree without its last service, or with no time in one hook. */
        Stream<TimedTree> shrink() {
            var smaller = new ArrayList<TimedTree>();
            int last = steps.size() - 1;
            if (last > 0) {
                var fewer = new ArrayList<List<List<Integer>>>();
                for (List<List<Integer>> own : steps.subList(0, last)) {
                    fewer.add(own.stream()
                            .map(step -> step.stream().filter(index -> index != last).toList())
                            .filter(step -> !step.isEmpty()).toList());
                }
                smaller.add(new TimedTree(seed, fewer, startMillis.subList(0, last),
                        stopMillis.subList(0, last)));
            }
            for (int at = 0; at < steps.size(); at++) {
                if (startMillis.get(at) != 0) {
                    var starts = new ArrayList<>(startMillis);
                    starts.set(at, 0L);
                    smaller.add(new TimedTree(seed, steps, starts, stopMillis));
                }
            }
            return smaller.stream();
        }

        List<ScriptedService> build() {
            var journal = new Journal();
            var services = IntStream.range(0, steps.size())
                    .mapToObj(index -> ScriptedService.named("s" + index, journal)
                            .onStart(Action.sleep(Duration.ofMillis(startMillis.get(index))))
                            .onStop(Action.sleep(Duration.ofMillis(stopMillis.get(index)))))
                    .toList();
            for (int index = 0; index < steps.size(); index++) {
                Dependencies dependencies = Dependencies.none();
                for (List<Integer> step : steps.get(index)) {
                    dependencies = dependencies.thenParallel(
                            step.stream().map(services::get).toArray(Service[]::new));
                }
                services.get(index).dependsOn(dependencies);
            }
            return services;
        }
    }

    /**
     * How long, in virtual time too, a queued hook may wait for a worker: a spare stands by 50 us
     * at a time before it takes a job. The report counts that wait between hooks, not in them.
     */
    private static final Duration WAITING_FOR_A_WORKER = Duration.ofMillis(1);

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** A report taken while the tree runs, and one after its close. */
    private record Reports(LifecycleReport running, LifecycleReport closed) {}

    @Test
    void theReportHoldsTheTimesTheHooksTook() {
        Property.forAll(TimedTree::generate)
                .shrinking(TimedTree::shrink)
                .describedBy(TimedTree::toString)
                .tries(1_000)
                .check(ReportPropertyTest::check);
    }

    private static void check(TimedTree tree) throws Exception {
        List<ScriptedService> services = tree.build();
        ScriptedService root = services.get(0);
        Reports reports = requireNonNull(Simulation.seeded(tree.seed()).run(facet -> {
            Running<ScriptedService> running = facet.start(root);
            LifecycleReport whileRunning = running.report();
            Facet.sleep(Duration.ofSeconds(1));
            running.close();
            return new Reports(whileRunning, running.report());
        }).orThrow());
        var index = new IdentityHashMap<Service, Integer>();
        for (int at = 0; at < services.size(); at++) {
            index.put(services.get(at), at);
        }

        for (LifecycleReport report : List.of(reports.running(), reports.closed())) {
            // every service reached from the root, once, the root first
            assertThat(report.entries()).extracting(Entry::service)
                    .containsExactlyInAnyOrderElementsOf(reached(services, tree))
                    .first().isSameAs(root);
            for (Entry entry : report.entries()) {
                int at = requireNonNull(index.get(entry.service()));
                assertThat(entry.startTook()).as("start() of %s", entry.name())
                        .isEqualTo(ms(tree.startMillis().get(at)));
                assertThat(entry.steps()).as("steps of %s", entry.name()).hasSize(
                        tree.steps().get(at).size());
                for (List<Service> step : entry.steps()) {
                    for (Service dependency : step) {
                        // R1, timed: a dependency's start() returned before its dependent's began
                        assertThat(end(report.entry(dependency)))
                                .as("%s ran before %s's start()", dependency, entry.name())
                                .isLessThanOrEqualTo(requireNonNull(entry.startAt()));
                    }
                }
            }
            checkCriticalPath(report);
        }
        assertThat(reports.running().entries()).extracting(Entry::state)
                .containsOnly(State.RUNNING);
        LifecycleReport closed = reports.closed();
        assertThat(closed.entries()).extracting(Entry::state).containsOnly(State.STOPPED);
        for (Entry entry : closed.entries()) {
            int at = requireNonNull(index.get(entry.service()));
            assertThat(entry.stopTook()).as("stop() of %s", entry.name())
                    .isEqualTo(ms(tree.stopMillis().get(at)));
            Duration stopped = requireNonNull(entry.stopAt()).plus(entry.stopTook());
            for (List<Service> step : entry.steps()) {
                for (Service dependency : step) {
                    // R2, timed: a dependency's stop() began after its dependent's returned
                    assertThat(closed.entry(dependency).stopAt())
                            .as("%s stopped after %s", dependency, entry.name())
                            .isGreaterThanOrEqualTo(stopped);
                }
            }
        }
    }

    /**
     * The critical path: it ends at the root and begins with a start called as the root's start
     * began; each start on it was called once the one before returned (at once if the worker
     * that heard of it took it next, else once a worker took it); so its times and the gaps
     * between add up to the whole start.
     */
    private static void checkCriticalPath(LifecycleReport report) {
        List<CriticalStart> path = report.criticalPath();
        assertThat(path).isNotEmpty();
        assertThat(path.get(path.size() - 1).entry().service()).isSameAs(report.root());
        Duration sum = requireNonNull(path.get(0).entry().startAt());
        assertThat(sum).isBetween(Duration.ZERO, WAITING_FOR_A_WORKER);
        Duration took = Duration.ZERO;
        double shares = 0;
        for (int at = 0; at < path.size(); at++) {
            CriticalStart start = path.get(at);
            assertThat(start.took()).isEqualTo(start.entry().startTook());
            if (at > 0) {
                Duration gap = requireNonNull(start.entry().startAt())
                        .minus(end(path.get(at - 1).entry()));
                assertThat(gap).as("%s called once %s returned", start.entry().name(),
                        path.get(at - 1).entry().name())
                        .isBetween(Duration.ZERO, WAITING_FOR_A_WORKER);
                sum = sum.plus(gap);
            }
            sum = sum.plus(start.took());
            took = took.plus(start.took());
            shares += start.share();
        }
        assertThat(sum).isEqualTo(report.startTook());
        assertThat(report.startTook()).isEqualTo(end(report.entry(report.root())));
        if (!report.startTook().isZero()) { // each share is of the whole start
            assertThat(shares).isCloseTo((double) took.toNanos() / report.startTook().toNanos(),
                    offset(1e-9));
        }
    }

    private static Duration end(Entry entry) {
        return requireNonNull(entry.startAt()).plus(requireNonNull(entry.startTook()));
    }

    private static List<Service> reached(List<ScriptedService> services, TimedTree tree) {
        var reached = new LinkedHashSet<Integer>();
        var pending = new ArrayDeque<Integer>(List.of(0));
        while (!pending.isEmpty()) {
            int at = pending.removeLast();
            if (reached.add(at)) {
                tree.steps().get(at).forEach(pending::addAll);
            }
        }
        return reached.stream().<Service>map(services::get).toList();
    }
}
