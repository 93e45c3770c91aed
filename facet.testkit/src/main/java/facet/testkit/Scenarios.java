package facet.testkit;

import facet.testkit.GeneratedScenario.Fault;
import facet.testkit.GeneratedScenario.FaultKind;
import facet.testkit.GeneratedScenario.Spec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Makes {@link GeneratedScenario}s from a seed, and smaller ones from a failing one. Plain
 * functions: any property-testing library can drive them ({@link Property} is this project's
 * small one).
 *
 * {@snippet file=facet/testkit/ScenariosSnippets.java region=generate}
 *
 * <p>Graphs are trees, diamonds, services shared by several roots, sequential and parallel
 * steps, up to 200 services and 30 levels deep; most are small, some large. Faults are drawn
 * from every {@link FaultKind}, in virtual time from nothing to past a timeout. Half the
 * scenarios aim at failure: wider parallel steps, services shared through different parallel
 * branches, start failures in several branches at once beside slow starts they must cut
 * short (some swallow the interrupt and return anyway), and tasks that crash at once (racing
 * the end of their start) under a slow start, over dependencies whose stop fails; half of those
 * probe, await and close their roots as the tasks crash, not 30 virtual seconds later, so a call
 * may find a crash decided but not logged yet, and half of these await some roots with the
 * interrupt status set (such an await throws the interrupt, or a crash that is logged). A root is
 * awaited before it is closed, or closed without waiting, at random. One in eight aims at
 * overlapping stops: drains and stops in services shared by several roots that outlast short
 * timeouts, so one close gives up and another finds its work under way. Some services are plain,
 * not {@code Drainable}: none, all or some, a third of the scenarios each.
 */
public final class Scenarios {

    private static final long DEFAULT_TIMEOUT = 10_000;
    private static final List<FaultKind> KINDS = java.util.Arrays.stream(FaultKind.values())
            .filter(kind -> kind != FaultKind.NOT_DRAINABLE).toList();
    /** Mixed into the seed for the draws of {@link #notDrainable}. */
    private static final long PLAIN_SEED = 0x9E3779B97F4A7C15L;
    private static final long[] MILLIS = {0, 1, 5, 20, 100, 500, 2_000, 20_000};
    /** What a scenario aims at. */
    private enum Aim {
        /** Anything: the faults drawn from every kind alike. */
        ANYTHING,
        /** Start failures in several branches, beside slow starts: a start must fail fast. */
        FAILING_STARTS,
        /** A task crashing at once, racing its start, over stops that fail. */
        CRASH_OVER_FAILING_STOPS,
        /**
         * Services shared by several roots whose drains and stops outlast short timeouts: the
         * stop of one root overlaps what the stop of another, given up, left under way.
         */
        OVERLAPPING_STOPS
    }

    private Scenarios() {}

    /**
     * A scenario of up to 200 services, 30 levels deep.
     *
     * @param seed the seed
     * @return the scenario
     */
    public static GeneratedScenario generate(long seed) {
        return generate(seed, 200, 30);
    }

    /**
     * A scenario within the given bounds.
     *
     * @param seed the seed
     * @param maxServices at most this many services
     * @param maxDepth at most this many levels
     * @return the scenario
     */
    public static GeneratedScenario generate(long seed, int maxServices, int maxDepth) {
        var random = new SplittableRandom(seed);
        int draw = random.nextInt(8);
        Aim aim = draw < 3 ? Aim.ANYTHING : draw < 5 ? Aim.FAILING_STARTS
                : draw < 7 ? Aim.CRASH_OVER_FAILING_STOPS : Aim.OVERLAPPING_STOPS;
        int size = size(random, maxServices);
        // aimed at failure: wider steps, more sharing across branches
        int joinStep = aim == Aim.ANYTHING ? 50 : 75;
        int anywhere = aim == Aim.ANYTHING ? 33 : 50;
        int[] depth = new int[size];
        var steps = new ArrayList<List<List<Integer>>>();
        boolean[] hasParent = new boolean[size];
        for (int index = 0; index < size; index++) {
            steps.add(new ArrayList<>());
        }
        // from the last service back: a service depends only on later ones, so no cycle
        for (int index = size - 2; index >= 0; index--) {
            int wanted = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(random.nextInt(4) + 1);
            var chosen = new LinkedHashSet<Integer>();
            for (int pick = 0; pick < wanted * 3 && chosen.size() < wanted; pick++) {
                int later = random.nextInt(100) >= anywhere
                        ? Math.min(size - 1, index + 1 + random.nextInt(3)) // near: chains
                        : index + 1 + random.nextInt(size - index - 1); // anywhere: sharing
                if (depth[later] < maxDepth - 1) {
                    chosen.add(later);
                }
            }
            List<List<Integer>> grouped = steps.get(index);
            for (int dependency : chosen) {
                if (grouped.isEmpty() || random.nextInt(100) >= joinStep) {
                    grouped.add(new ArrayList<>(List.of(dependency)));
                } else {
                    grouped.get(grouped.size() - 1).add(dependency);
                }
                hasParent[dependency] = true;
                depth[index] = Math.max(depth[index], depth[dependency] + 1);
            }
        }
        var roots = new ArrayList<Integer>();
        for (int index = 0; index < size; index++) {
            if (!hasParent[index] || (index > 0 && random.nextInt(size * 4) == 0)) {
                roots.add(index); // the tops, and now and then a shared service as a root too
            }
        }
        var faultsOf = new ArrayList<List<Fault>>();
        for (int index = 0; index < size; index++) {
            faultsOf.add(new ArrayList<>());
        }
        switch (aim) {
            case ANYTHING -> anyFaults(random, faultsOf);
            case FAILING_STARTS -> failingStarts(random, faultsOf);
            case CRASH_OVER_FAILING_STOPS -> crashOverFailingStops(random, faultsOf, steps, roots);
            case OVERLAPPING_STOPS -> overlappingStops(random, faultsOf, steps, roots);
        }
        notDrainable(new SplittableRandom(seed ^ PLAIN_SEED), faultsOf);
        var services = new ArrayList<Spec>();
        for (int index = 0; index < size; index++) {
            boolean shortTimeout = random.nextInt(aim == Aim.OVERLAPPING_STOPS ? 2 : 4) == 0;
            long timeout = shortTimeout ? MILLIS[2 + random.nextInt(MILLIS.length - 2)]
                    : DEFAULT_TIMEOUT;
            services.add(new Spec(steps.get(index), timeout, faultsOf.get(index)));
        }
        var close = new ArrayList<>(roots);
        Collections.shuffle(close, new java.util.Random(random.nextLong()));
        var awaited = new ArrayList<Integer>();
        for (int root : roots) {
            if (random.nextBoolean()) {
                awaited.add(root);
            }
        }
        long scheduleSeed = random.nextLong();
        // drawn last, so every other draw, and the scenario but its pause, stays as it was
        long pause = aim == Aim.CRASH_OVER_FAILING_STOPS && random.nextBoolean()
                ? MILLIS[random.nextInt(3)] : GeneratedScenario.PAUSE_MILLIS;
        // and last again: half of those with a short pause await some roots interrupted, which
        // races the crashes' logs (R6 against R12)
        var interrupted = new ArrayList<Integer>();
        if (pause != GeneratedScenario.PAUSE_MILLIS && random.nextBoolean()) {
            for (int root : roots) {
                if (random.nextBoolean()) {
                    interrupted.add(root);
                }
            }
        }
        return new GeneratedScenario(services, roots, close, awaited, scheduleSeed, List.of(),
                pause, interrupted);
    }

    /**
     * Which services are plain, not {@code Drainable}: none in a third of the scenarios, every
     * one it can be (those with no drain fault) in a third, each such one at even odds in the
     * rest. Drawn from its own random, so that the rest of a scenario is what its seed made
     * before this was drawn at all.
     */
    private static void notDrainable(SplittableRandom random, List<List<Fault>> faultsOf) {
        int mode = random.nextInt(3);
        if (mode == 0) {
            return;
        }
        for (List<Fault> faults : faultsOf) {
            boolean drains = faults.stream().anyMatch(fault -> fault.kind().drains());
            if (!drains && (mode == 1 || random.nextBoolean())) {
                faults.add(new Fault(FaultKind.NOT_DRAINABLE, 0));
            }
        }
    }

    /** Up to three faults of any kind, anywhere; none in four scenarios of ten. */
    private static void anyFaults(SplittableRandom random, List<List<Fault>> faultsOf) {
        int faults = random.nextInt(10) < 4 ? 0 : 1 + random.nextInt(random.nextInt(3) + 1);
        for (int fault = 0; fault < faults; fault++) {
            FaultKind kind = KINDS.get(random.nextInt(KINDS.size()));
            faultsOf.get(random.nextInt(faultsOf.size())).add(
                    new Fault(kind, MILLIS[random.nextInt(MILLIS.length)]));
        }
    }

    /**
     * Failing starts (one to three, or one in eight services), at once or after a while, and
     * as many slow starts (some slower than anything else): a failure must cut the slow ones
     * short and start nothing more.
     */
    private static void failingStarts(SplittableRandom random, List<List<Fault>> faultsOf) {
        int failing = 1 + random.nextInt(Math.max(3, faultsOf.size() / 8));
        for (int fault = 0; fault < failing; fault++) {
            List<Fault> faults = faultsOf.get(random.nextInt(faultsOf.size()));
            faults.add(new Fault(FaultKind.START_FAILS, 0));
            if (random.nextBoolean()) { // it fails after a while
                faults.add(new Fault(FaultKind.START_SLOW, MILLIS[1 + random.nextInt(4)]));
            }
        }
        int slow = random.nextInt(failing + 1);
        for (int fault = 0; fault < slow; fault++) {
            // cut short, some return anyway: they must be stopped
            FaultKind kind = random.nextBoolean() ? FaultKind.START_SLOW
                    : FaultKind.START_SWALLOWS_INTERRUPT;
            faultsOf.get(random.nextInt(faultsOf.size())).add(
                    new Fault(kind, MILLIS[2 + random.nextInt(MILLIS.length - 2)]));
        }
        if (random.nextInt(3) == 0) { // and a stop that fails in the rollback
            faultsOf.get(random.nextInt(faultsOf.size())).add(new Fault(FaultKind.STOP_FAILS, 0));
        }
        if (random.nextInt(3) == 0) { // a drain, which a rollback must not call
            faultsOf.get(random.nextInt(faultsOf.size()))
                    .add(new Fault(FaultKind.DRAIN_SLOW, MILLIS[random.nextInt(3)]));
        }
    }

    /**
     * A task that crashes at once or nearly (racing the end of its service's start), in a root
     * or anywhere, and stops that fail in what it depends on.
     */
    private static void crashOverFailingStops(SplittableRandom random, List<List<Fault>> faultsOf,
            List<List<List<Integer>>> steps, List<Integer> roots) {
        int at = random.nextBoolean() ? roots.get(random.nextInt(roots.size()))
                : random.nextInt(faultsOf.size());
        faultsOf.get(at).add(new Fault(FaultKind.TASK_CRASHES, MILLIS[random.nextInt(3)]));
        var above = new ArrayList<Integer>(); // what depends on it directly: only earlier ones
        for (int index = 0; index < at; index++) {
            if (steps.get(index).stream().anyMatch(step -> step.contains(at))) {
                above.add(index);
            }
        }
        if (!above.isEmpty() && random.nextBoolean()) { // starting as it crashes; may return
            FaultKind kind = random.nextBoolean() ? FaultKind.START_SLOW
                    : FaultKind.START_SWALLOWS_INTERRUPT;
            faultsOf.get(above.get(random.nextInt(above.size())))
                    .add(new Fault(kind, MILLIS[3 + random.nextInt(3)]));
        }
        List<Integer> under = reachFrom(at, steps);
        int failing = 1 + random.nextInt(2);
        for (int fault = 0; fault < failing; fault++) {
            faultsOf.get(under.get(random.nextInt(under.size()))).add(
                    new Fault(FaultKind.STOP_FAILS, MILLIS[random.nextInt(3)]));
        }
        if (random.nextBoolean()) { // a drain the crash's stop must call first, maybe failing
            FaultKind kind = random.nextInt(4) == 0 ? FaultKind.DRAIN_FAILS : FaultKind.DRAIN_SLOW;
            faultsOf.get(random.nextInt(faultsOf.size()))
                    .add(new Fault(kind, MILLIS[random.nextInt(3)]));
        }
    }

    /**
     * Drains that hang or outlast a timeout, and stops that do, in services that several roots
     * share (anywhere if none is): a close that gives up leaves them under way, and the close
     * of another root that holds them must still keep every rule.
     */
    private static void overlappingStops(SplittableRandom random, List<List<Fault>> faultsOf,
            List<List<List<Integer>>> steps, List<Integer> roots) {
        int[] heldBy = new int[faultsOf.size()];
        for (int root : roots) {
            for (int reached : reachFrom(root, steps)) {
                heldBy[reached]++;
            }
        }
        var shared = new ArrayList<Integer>();
        for (int index = 0; index < heldBy.length; index++) {
            if (heldBy[index] > 1) {
                shared.add(index);
            }
        }
        List<Integer> among = shared.isEmpty() ? reachFrom(roots.get(0), steps) : shared;
        int drains = 1 + random.nextInt(2);
        for (int fault = 0; fault < drains; fault++) {
            FaultKind kind = random.nextBoolean() ? FaultKind.DRAIN_HANGS : FaultKind.DRAIN_SLOW;
            faultsOf.get(among.get(random.nextInt(among.size())))
                    .add(new Fault(kind, MILLIS[3 + random.nextInt(MILLIS.length - 3)]));
        }
        if (random.nextBoolean()) { // a stop that outlasts its deadline, over or beside them
            FaultKind kind = random.nextBoolean() ? FaultKind.STOP_SLOW
                    : random.nextBoolean() ? FaultKind.STOP_HANGS
                    : FaultKind.STOP_IGNORES_INTERRUPTS;
            int at = random.nextBoolean() ? roots.get(random.nextInt(roots.size()))
                    : among.get(random.nextInt(among.size()));
            faultsOf.get(at).add(new Fault(kind, MILLIS[3 + random.nextInt(MILLIS.length - 3)]));
        }
        if (random.nextInt(3) == 0) { // and a drain that fails
            faultsOf.get(among.get(random.nextInt(among.size())))
                    .add(new Fault(FaultKind.DRAIN_FAILS, 0));
        }
    }

    /** {@code root} and everything it depends on, transitively, each once. */
    private static List<Integer> reachFrom(int root, List<List<List<Integer>>> steps) {
        var reached = new ArrayList<Integer>();
        var seen = new java.util.HashSet<Integer>();
        var pending = new java.util.ArrayDeque<>(List.of(root));
        for (Integer next = pending.poll(); next != null; next = pending.poll()) {
            if (seen.add(next)) {
                reached.add(next);
                steps.get(next).forEach(pending::addAll);
            }
        }
        return reached;
    }

    private static int size(SplittableRandom random, int max) {
        int bucket = random.nextInt(100);
        int size = bucket < 70 ? 1 + random.nextInt(8)
                : bucket < 95 ? 9 + random.nextInt(32)
                : 41 + random.nextInt(Math.max(1, max - 40));
        return Math.min(size, max);
    }

    /**
     * Smaller scenarios than {@code scenario}, the most promising first: fewer roots, fewer
     * services, fewer faults, fewer dependencies, default timeouts, then fewer schedule
     * choices (the first option where one was made, which is the most sequential run). A
     * scenario on a seed is first pinned to the choices its run makes (it runs it once).
     *
     * @param scenario a scenario that fails
     * @return candidates, each smaller in one way
     */
    public static Stream<GeneratedScenario> shrink(GeneratedScenario scenario) {
        var candidates = new ArrayList<GeneratedScenario>();
        if (scenario.choices().isEmpty()) {
            // first pin the interleaving that failed: on a seed, removing anything reshuffles
            // the whole schedule; replayed choices keep the rest of it in place
            GeneratedScenario pinned = pinned(scenario);
            if (pinned != null) {
                return Stream.of(pinned);
            }
        }
        List<Spec> services = scenario.services();
        if (scenario.roots().size() > 1) {
            for (int root : scenario.roots()) {
                candidates.add(withoutRoot(scenario, root));
            }
        }
        for (int index = services.size() - 1; index >= 0; index--) {
            GeneratedScenario smaller = without(scenario, index);
            if (smaller != null) {
                candidates.add(smaller);
            }
        }
        for (int index = services.size() - 1; index >= 0; index--) {
            if (!scenario.roots().contains(index) && !services.get(index).steps().isEmpty()) {
                candidates.add(spliced(scenario, index));
            }
        }
        for (int index = 0; index < services.size(); index++) {
            Spec spec = services.get(index);
            for (int fault = 0; fault < spec.faults().size(); fault++) {
                var faults = new ArrayList<>(spec.faults());
                faults.remove(fault);
                candidates.add(replace(scenario, index,
                        new Spec(spec.steps(), spec.timeoutMillis(), faults)));
            }
            for (int step = 0; step < spec.steps().size(); step++) {
                for (int at = 0; at < spec.steps().get(step).size(); at++) {
                    candidates.add(replace(scenario, index, withoutEdge(spec, step, at)));
                }
            }
            if (spec.timeoutMillis() != DEFAULT_TIMEOUT) {
                candidates.add(replace(scenario, index,
                        new Spec(spec.steps(), DEFAULT_TIMEOUT, spec.faults())));
            }
        }
        ReplaySchedule.simpler(scenario.choices())
                .forEach(choices -> candidates.add(scenario.replaying(choices)));
        return candidates.stream();
    }

    /** The scenario on the choices its run records; {@code null} if it cannot run. */
    private static @Nullable GeneratedScenario pinned(GeneratedScenario scenario) {
        try {
            GeneratedScenario recorded = scenario.run().scenario();
            return recorded.choices().isEmpty() ? null : recorded;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException | AssertionError failed) {
            return null; // a run that cannot end is no base to replay
        }
    }

    private static GeneratedScenario withoutRoot(GeneratedScenario scenario, int root) {
        var roots = new ArrayList<>(scenario.roots());
        roots.remove(Integer.valueOf(root));
        var close = new ArrayList<>(scenario.closeOrder());
        close.remove(Integer.valueOf(root));
        var awaited = new ArrayList<>(scenario.awaited());
        awaited.remove(Integer.valueOf(root));
        var interrupted = new ArrayList<>(scenario.interrupted());
        interrupted.remove(Integer.valueOf(root));
        return new GeneratedScenario(scenario.services(), roots, close, awaited, scenario.seed(),
                scenario.choices(), scenario.pauseMillis(), interrupted);
    }

    /** Without service {@code removed}; {@code null} if it is the only root. */
    private static @Nullable GeneratedScenario without(GeneratedScenario scenario, int removed) {
        return scenario.roots().equals(List.of(removed)) ? null
                : removing(scenario, removed, List.of());
    }

    /**
     * Without service {@code removed}, its dependents depending on its dependencies instead (in
     * the step where they listed it): a chain gets shorter and stays connected.
     */
    private static GeneratedScenario spliced(GeneratedScenario scenario, int removed) {
        return removing(scenario, removed, scenario.services().get(removed).steps().stream()
                .flatMap(List::stream).distinct().toList());
    }

    /** Service {@code removed} out; where a step listed it, {@code bypass} instead. */
    private static GeneratedScenario removing(GeneratedScenario scenario, int removed,
            List<Integer> bypass) {
        var services = new ArrayList<Spec>();
        for (int index = 0; index < scenario.services().size(); index++) {
            if (index == removed) {
                continue;
            }
            Spec spec = scenario.services().get(index);
            var steps = new ArrayList<List<Integer>>();
            for (List<Integer> step : spec.steps()) {
                var kept = new LinkedHashSet<Integer>();
                for (int dependency : step) {
                    if (dependency == removed) {
                        kept.addAll(bypass);
                    } else {
                        kept.add(dependency);
                    }
                }
                if (!kept.isEmpty()) {
                    steps.add(kept.stream()
                            .map(dependency -> dependency > removed ? dependency - 1 : dependency)
                            .toList());
                }
            }
            services.add(new Spec(steps, spec.timeoutMillis(), spec.faults()));
        }
        return new GeneratedScenario(services, renumber(scenario.roots(), removed),
                renumber(scenario.closeOrder(), removed), renumber(scenario.awaited(), removed),
                scenario.seed(), scenario.choices(), scenario.pauseMillis(),
                renumber(scenario.interrupted(), removed));
    }

    private static List<Integer> renumber(List<Integer> indexes, int removed) {
        return indexes.stream().filter(index -> index != removed)
                .map(index -> index > removed ? index - 1 : index).toList();
    }

    private static Spec withoutEdge(Spec spec, int step, int at) {
        var steps = new ArrayList<List<Integer>>();
        for (int index = 0; index < spec.steps().size(); index++) {
            var kept = new ArrayList<Integer>();
            List<Integer> dependencies = spec.steps().get(index);
            for (int position = 0; position < dependencies.size(); position++) {
                if (index != step || position != at) {
                    kept.add(dependencies.get(position));
                }
            }
            if (!kept.isEmpty()) {
                steps.add(kept);
            }
        }
        return new Spec(steps, spec.timeoutMillis(), spec.faults());
    }

    private static GeneratedScenario replace(GeneratedScenario scenario, int index, Spec spec) {
        var services = new ArrayList<>(scenario.services());
        services.set(index, spec);
        return new GeneratedScenario(services, scenario.roots(), scenario.closeOrder(),
                scenario.awaited(), scenario.seed(), scenario.choices(), scenario.pauseMillis(),
                scenario.interrupted());
    }
}
