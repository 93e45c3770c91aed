package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Facet;
import facet.api.Running;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random sequences of start, close, addTask and task crash over several roots that share
 * services, checked after every step against a model of reference counts: a service runs
 * exactly while some held root needs it, a held root's stack is crashed exactly when a crash
 * reached it, a start on a crashed stack fails, a close throws the crash of its stack unless
 * an earlier close threw it, and a task cannot be added to a stopped service; and the
 * {@link Invariants} hold on the journal so far. At the end, every root is
 * closed and the invariants checked once more.
 */
class StatefulPropertyTest {

    private enum Kind { START, CLOSE, TASK, CRASH, SLEEP }

    /** One step: what, on which root / handle / service, for how long (virtual ms). */
    private record Step(Kind kind, int target, long millis) {
        @Override
        public String toString() {
            return kind + "(" + target + (kind == Kind.START || kind == Kind.CLOSE ? ""
                    : ", " + millis + "ms") + ")";
        }
    }

    /** A graph without faults, and the steps to run over it. */
    private record Run(GeneratedScenario graph, List<Step> steps, long seed) {
        @Override
        public String toString() {
            return "graph " + graph + " steps " + steps;
        }
    }

    private static Run generate(long seed) {
        var random = new SplittableRandom(seed);
        GeneratedScenario generated = Scenarios.generate(random.nextLong(), 12, 6);
        var services = generated.services().stream()
                .map(spec -> new GeneratedScenario.Spec(spec.steps(), spec.timeoutMillis(),
                        List.of()))
                .toList();
        // every service may be a root: shared roots are the point
        var roots = new ArrayList<Integer>();
        for (int index = 0; index < services.size(); index++) {
            roots.add(index);
        }
        var graph = new GeneratedScenario(services, roots, roots, roots, random.nextLong(),
                List.of());
        var steps = new ArrayList<Step>();
        int count = 5 + random.nextInt(25);
        for (int step = 0; step < count; step++) {
            int roll = random.nextInt(100);
            Kind kind = roll < 35 ? Kind.START : roll < 60 ? Kind.CLOSE : roll < 75 ? Kind.TASK
                    : roll < 85 ? Kind.CRASH : Kind.SLEEP;
            steps.add(new Step(kind, random.nextInt(services.size() * 2),
                    List.of(0L, 1L, 10L, 100L).get(random.nextInt(4))));
        }
        return new Run(graph, steps, seed);
    }

    private static Stream<Run> shrink(Run run) {
        var candidates = new ArrayList<Run>();
        for (int index = run.steps().size() - 1; index >= 0; index--) {
            var fewer = new ArrayList<>(run.steps());
            fewer.remove(index);
            candidates.add(new Run(run.graph(), fewer, run.seed()));
        }
        return candidates.stream();
    }

    /** The reference-count model, next to the real thing. */
    private static final class Model {
        final GeneratedScenario graph;
        final List<Integer> held = new ArrayList<>();
        final Set<Integer> crashed = new HashSet<>();
        /** For each crashed service, the crash that reached it first: the service that crashed. */
        final java.util.Map<Integer, Integer> crashOf = new java.util.HashMap<>();
        /** The crashes (by the index of the step that made them) a close threw already. */
        final Set<Integer> thrown = new HashSet<>();
        int crashes;

        Model(GeneratedScenario graph) {
            this.graph = graph;
        }

        Set<Integer> reach(int from) {
            var reached = new HashSet<Integer>();
            var todo = new java.util.ArrayDeque<>(List.of(from));
            while (!todo.isEmpty()) {
                int next = todo.pop();
                if (reached.add(next)) {
                    graph.services().get(next).steps().forEach(todo::addAll);
                }
            }
            return reached;
        }

        boolean running(int service) {
            return held.stream().anyMatch(root -> reach(root).contains(service));
        }

        /** After a close: what stopped forgets its crash. */
        void forgetStopped() {
            crashed.removeIf(service -> !running(service));
            crashOf.keySet().removeIf(service -> !running(service));
        }

        /** The crash a close of {@code root} must throw, if any: its first, if not thrown yet. */
        @org.jspecify.annotations.Nullable Integer owed(int root) {
            Integer crash = crashOf.get(root);
            return crash != null && !thrown.contains(crash) ? crash : null;
        }

        /** A crash in {@code service}: it and every running service over it crash. */
        void crash(int service) {
            int crash = crashes++;
            for (int other = 0; other < graph.services().size(); other++) {
                if (running(other) && reach(other).contains(service)) {
                    crashed.add(other);
                    crashOf.putIfAbsent(other, crash * 1000 + service);
                }
            }
        }

        boolean startFails(int root) {
            return !running(root)
                    && reach(root).stream().anyMatch(s -> running(s) && crashed.contains(s));
        }
    }

    private static void check(Run run) throws Exception {
        var journal = new Journal();
        var scripts = new Journal();
        var services = run.graph().build(scripts);
        var invariants = Invariants.of(services);
        var model = new Model(run.graph());
        var problems = new ArrayList<String>();
        var result = Simulation.seeded(run.seed()).journal(journal).stepBudget(500_000)
                .run(facet -> {
            var handles = new ArrayList<Running<ScriptedService>>();
            int size = services.size();
            for (Step step : run.steps()) {
                switch (step.kind()) {
                    case START -> {
                        int root = step.target() % size;
                        boolean fails = model.startFails(root);
                        try {
                            handles.add(facet.start(services.get(root)));
                            model.held.add(root);
                            if (fails) {
                                problems.add(step + ": started on a crashed stack");
                            }
                        } catch (GeneratedScenario.InjectedFailure crash) {
                            if (!fails) {
                                problems.add(step + ": failed with " + crash);
                            }
                        }
                    }
                    case CLOSE -> {
                        if (!handles.isEmpty()) {
                            int at = step.target() % handles.size();
                            Integer owed = model.owed(model.held.get(at));
                            Exception threw = null;
                            try {
                                handles.remove(at).close();
                            } catch (GeneratedScenario.InjectedFailure crash) {
                                threw = crash;
                            }
                            String expected = owed == null ? null : "crash of s" + owed % 1000;
                            if (owed != null) {
                                model.thrown.add(owed);
                            }
                            if (threw == null ? expected != null
                                    : !String.valueOf(threw.getMessage()).equals(expected)) {
                                problems.add(step + ": close threw " + threw + ", the model"
                                        + " says " + (expected == null ? "nothing" : expected));
                            }
                            model.held.subList(at, at + 1).clear();
                            model.forgetStopped();
                        }
                    }
                    case TASK, CRASH -> {
                        int service = step.target() % size;
                        boolean crash = step.kind() == Kind.CRASH;
                        Duration time = Duration.ofMillis(step.millis());
                        try {
                            services.get(service).addScriptedTask(task -> {
                                Facet.sleep(time);
                                if (crash) {
                                    throw new GeneratedScenario.InjectedFailure(
                                            "crash of s" + service);
                                }
                            });
                            if (!model.running(service)) {
                                problems.add(step + ": a task was added to a stopped service");
                            }
                            if (crash) {
                                Facet.sleep(time.plusMillis(1)); // the crash happens now
                                model.crash(service);
                            }
                        } catch (IllegalStateException stopped) {
                            if (model.running(service)) {
                                problems.add(step + ": addTask refused on a running service");
                            }
                        }
                    }
                    case SLEEP -> Facet.sleep(Duration.ofMillis(step.millis()));
                }
                for (int service = 0; service < size; service++) {
                    if (services.get(service).running() != model.running(service)) {
                        problems.add("after " + step + ": s" + service + " running() is "
                                + services.get(service).running() + ", the model says "
                                + model.running(service));
                    }
                }
                for (int at = 0; at < handles.size(); at++) {
                    boolean crashed = handles.get(at).onExit().isCompletedExceptionally();
                    if (crashed != model.crashed.contains(model.held.get(at))) {
                        problems.add("after " + step + ": the handle on s" + model.held.get(at)
                                + (crashed ? " crashed" : " did not crash") + ", unlike the model");
                    }
                }
                // the rules, on the journal so far
                invariants.violations(journal).forEach(violation ->
                        problems.add("after " + step + ": " + violation));
            }
            for (var handle : handles) {
                try {
                    handle.close();
                } catch (GeneratedScenario.InjectedFailure crash) {
                    // a crash owed to its caller; the invariants check which
                }
            }
            return null;
        });
        if (result.thrown() != null) {
            problems.add("the steps threw " + result.thrown());
        }
        problems.addAll(invariants.violations(journal));
        assertThat(problems.stream().distinct().toList()).as(() -> "journal:\n  " + journal.lines().stream()
                .collect(Collectors.joining("\n  "))).isEmpty();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void referenceCountsAndInvariantsHoldAfterEveryStep() {
        Property.forAll(StatefulPropertyTest::generate)
                .shrinking(StatefulPropertyTest::shrink)
                .tries(1_500)
                .check(StatefulPropertyTest::check);
    }
}
