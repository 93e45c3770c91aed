package facet.health;

import facet.health.Report.Check;
import facet.health.RootsView.Phase;
import facet.health.RootsView.RootView;
import facet.health.ServiceStates.ServiceView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
     * @param services the services seen since that start, and not stopped
     * @param failures the names of roots and services seen crashed and of services whose stop
     *     was abandoned, since that start, in the order they were seen: liveness stays DOWN for
     *     them
     */
    record Snapshot(boolean started, boolean draining, List<RootView> roots,
            List<ServiceView> services, List<String> failures) {
        Snapshot {
            roots = List.copyOf(roots);
            services = List.copyOf(services);
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
        Predicate<RootView> liveRoot = root -> live(root.name(), root.crashed(), snapshot);
        Predicate<ServiceView> liveService =
                service -> live(service.name(), service.crashed(), snapshot);
        return switch (probe) {
            case STARTED -> Report.of(snapshot.started(), checks(snapshot,
                    Probes::started, Probes::started, false, user));
            case LIVE -> Report.of(true, checks(snapshot, liveRoot, liveService, true, user));
            case READY -> Report.of(snapshot.started() && !snapshot.draining(),
                    checks(snapshot, Probes::ready, Probes::ready, false, user));
            // a root that runs is past its start: live and ready say all three
            case ALL -> Report.of(snapshot.started() && !snapshot.draining(), checks(snapshot,
                    liveRoot.and(Probes::ready), liveService.and(Probes::ready), true, user));
        };
    }

    /** Started: past its start. */
    private static boolean started(RootView root) {
        return root.phase() != Phase.STARTING;
    }

    private static boolean started(ServiceView service) {
        return service.state() != ServiceStates.State.STARTING;
    }

    /** Ready: running, and not crashed. */
    private static boolean ready(RootView root) {
        return root.phase() == Phase.RUNNING && !root.crashed();
    }

    private static boolean ready(ServiceView service) {
        return service.state() == ServiceStates.State.RUNNING && !service.crashed();
    }

    /** Live: neither crashed now, nor named among the failures since the start. */
    private static boolean live(String name, boolean crashed, Snapshot snapshot) {
        return !crashed && !snapshot.failures().contains(name);
    }

    /**
     * One check per service seen, in the order seen, by {@code serviceRule}, and by
     * {@code rootRule} too for a root of that name; one per root not seen; then, on the liveness
     * paths, one DOWN check per failure nothing above is named after (a service no longer
     * there); then the user checks, each joining the check of its name if there is one.
     */
    private static List<Check> checks(Snapshot snapshot, Predicate<RootView> rootRule,
            Predicate<ServiceView> serviceRule, boolean failures, List<Check> user) {
        var roots = new LinkedHashMap<String, Boolean>();
        for (RootView root : snapshot.roots()) {
            roots.merge(root.name(), rootRule.test(root), Boolean::logicalAnd);
        }
        var checks = new ArrayList<Check>();
        var named = new HashSet<String>();
        for (ServiceView service : snapshot.services()) {
            if (named.add(service.name())) {
                Boolean root = roots.remove(service.name());
                checks.add(new Check(service.name(),
                        serviceRule.test(service) && (root == null || root)));
            }
        }
        roots.forEach((name, up) -> {
            if (named.add(name)) {
                checks.add(new Check(name, up));
            }
        });
        if (failures) {
            for (String failure : snapshot.failures()) {
                if (named.add(failure)) {
                    checks.add(new Check(failure, false));
                }
            }
        }
        // a user check named as a check above (a service that is its own HealthCheck) joins it
        for (Check check : user) {
            int at = indexOf(checks, check.name());
            if (at < 0) {
                checks.add(check);
            } else {
                checks.set(at, new Check(check.name(), checks.get(at).up() && check.up()));
            }
        }
        return checks;
    }

    private static int indexOf(List<Check> checks, String name) {
        for (int at = 0; at < checks.size(); at++) {
            if (checks.get(at).name().equals(name)) {
                return at;
            }
        }
        return -1;
    }
}
