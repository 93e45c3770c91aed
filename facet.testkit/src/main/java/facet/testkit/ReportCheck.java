package facet.testkit;

import facet.api.LifecycleReport;
import facet.api.LifecycleReport.CriticalStart;
import facet.api.LifecycleReport.Entry;
import facet.api.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link LifecycleReport} of a generated scenario's root must say, whatever failed or
 * hung in it: every service reached from the root, once; starts in the order of R1, on the
 * report's own clock; a critical path whose starts follow each other. (Which state a service is
 * left in the journal's checks say: a report sees one tree, and a service of it may wait for
 * the stop of a dependent in another tree.)
 */
@SuppressWarnings("ReferenceEquality") // services are identities, as everywhere in facet
final class ReportCheck {

    private final List<String> violations = new ArrayList<>();

    /** The violations found so far, each naming the root whose report it is in. */
    List<String> violations() {
        return violations;
    }

    /**
     * Checks a report taken while its root was held, or after.
     *
     * @param report the report
     * @param reached every service reached from its root
     */
    void check(LifecycleReport report, Set<Service> reached) {
        String root = report.entries().get(0).name();
        var listed = new IdentityHashMap<Service, Boolean>();
        for (Entry entry : report.entries()) {
            listed.put(entry.service(), true);
        }
        if (!listed.keySet().equals(reached)
                || report.root() != report.entries().get(0).service()) {
            violations.add("the report of " + root + " lists " + names(report) + ", not every"
                    + " service reached from it once, the root first");
            return;
        }
        for (Entry entry : report.entries()) {
            Duration called = entry.startAt();
            if (called == null) {
                violations.add("the report of " + root + " has no start() of " + entry.name()
                        + ", though " + root + " ran");
                continue;
            }
            for (List<Service> step : entry.steps()) {
                for (Service dependency : step) {
                    Duration ran = end(report.entry(dependency));
                    if (ran == null || ran.compareTo(called) > 0) {
                        violations.add("the report of " + root + " has start() of "
                                + entry.name() + " called at " + called + ", before "
                                + report.entry(dependency).name() + " ran (at " + ran
                                + "; R1)");
                    }
                }
            }
        }
        checkCriticalPath(report, root);
    }

    /** Its last start is the root's; each start on it was called once the one before returned. */
    private void checkCriticalPath(LifecycleReport report, String root) {
        List<CriticalStart> path = report.criticalPath();
        if (path.isEmpty()) {
            return; // the root ran already: it was shared with a root started before
        }
        if (path.get(path.size() - 1).entry().service() != report.root()) {
            violations.add("the critical path of " + root + " does not end at it: " + path);
        }
        Duration sum = Duration.ZERO;
        for (int at = 0; at < path.size(); at++) {
            CriticalStart start = path.get(at);
            sum = sum.plus(start.took());
            if (at == 0) {
                continue; // called as the start began, or before it: shared with an earlier one
            }
            Duration before = end(path.get(at - 1).entry());
            Duration called = start.entry().startAt();
            if (before == null || called == null || called.compareTo(before) < 0) {
                violations.add("the critical path of " + root + " has " + start.entry().name()
                        + " called at " + called + ", before " + path.get(at - 1).entry().name()
                        + " returned (at " + before + ")");
            }
        }
        if (sum.compareTo(report.startTook()) > 0) {
            violations.add("the critical path of " + root + " took " + sum + ", longer than the"
                    + " start (" + report.startTook() + ")");
        }
    }

    private static @Nullable Duration end(Entry entry) {
        Duration at = entry.startAt();
        Duration took = entry.startTook();
        return at == null || took == null ? null : at.plus(took);
    }

    private static List<String> names(LifecycleReport report) {
        return report.entries().stream().map(Entry::name).toList();
    }
}
