package facet.health;

import facet.health.Report.Check;
import facet.health.RootsView.Phase;
import facet.health.RootsView.RootView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The probes' rules: which state answers UP on which path. A pure function of one snapshot, so
 * each request decides from one moment's picture.
 */
final class Probes {

    /**
     * What the probes decide from.
     *
     * @param started whether the endpoint's own {@code start()} returned (and it is not stopped)
     * @param draining whether a drain began since that start (or it is stopped)
     * @param roots the roots held
     * @param failures the names of roots seen crashed and of services whose stop was abandoned,
     *     since that start, in the order they were seen: liveness stays DOWN for them
     */
    record Snapshot(boolean started, boolean draining, List<RootView> roots,
            List<String> failures) {
        Snapshot {
            roots = List.copyOf(roots);
            failures = List.copyOf(failures);
        }
    }

    private Probes() {}

    /**
     * The answer of {@code probe}.
     *
     * @param user the results of the user checks that count for {@code probe}
     */
    static Report report(Probe probe, Snapshot snapshot, List<Check> user) {
        Predicate<RootView> live = root -> live(root, snapshot);
        return switch (probe) {
            case STARTED -> Report.of(snapshot.started(),
                    checks(snapshot, Probes::started, false, user));
            case LIVE -> Report.of(true, checks(snapshot, live, true, user));
            case READY -> Report.of(snapshot.started() && !snapshot.draining(),
                    checks(snapshot, Probes::ready, false, user));
            // a root that runs is past its start: live and ready say all three
            case ALL -> Report.of(snapshot.started() && !snapshot.draining(),
                    checks(snapshot, live.and(Probes::ready), true, user));
        };
    }

    /** Started: past its start. */
    private static boolean started(RootView root) {
        return root.phase() != Phase.STARTING;
    }

    /** Ready: running, and not crashed. */
    private static boolean ready(RootView root) {
        return root.phase() == Phase.RUNNING && !root.crashed();
    }

    /** Live: neither crashed now, nor named among the failures since the start. */
    private static boolean live(RootView root, Snapshot snapshot) {
        return !root.crashed() && !snapshot.failures().contains(root.name());
    }

    /**
     * One check per root by {@code rule}; then, on the liveness paths, one DOWN check per failure
     * no root is named after (a root no longer held, or a service inside a tree); then the user
     * checks.
     */
    private static List<Check> checks(Snapshot snapshot, Predicate<RootView> rule,
            boolean failures, List<Check> user) {
        var checks = new ArrayList<Check>();
        var named = new HashSet<String>();
        for (RootView root : snapshot.roots()) {
            checks.add(new Check(root.name(), rule.test(root)));
            named.add(root.name());
        }
        if (failures) {
            for (String failure : snapshot.failures()) {
                if (named.add(failure)) {
                    checks.add(new Check(failure, false));
                }
            }
        }
        checks.addAll(user);
        return checks;
    }
}
