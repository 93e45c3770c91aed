package facet.engine.lifecycle;

import facet.api.LifecycleReport;
import facet.api.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a tree's {@link LifecycleReport} under the lock: {@code Running.report()}. The times are
 * those of the transitions that called each hook and heard it return, so keeping them costs no
 * clock reading of its own; but a hook that waited in the queue for a worker (one was forked, or
 * freed) reads the clock as its code begins, so that the wait is not counted as its own.
 *
 * <p>The critical path follows, from the root back, the start whose return let each
 * {@code start()} be called: the last dependency of its last step to run, or the last of the
 * step before, which let a dependent ask for it.
 */
final class ReportReader {

    private ReportReader() {}

    /**
     * The report of the tree under {@code root}, its times from {@code began}. Under the lock.
     */
    static LifecycleReport read(ServiceLife root, long began) {
        List<ServiceLife> lives = LifeTree.of(root);
        var entries = new ArrayList<LifecycleReport.Entry>(lives.size());
        var inTree = new IdentityHashMap<ServiceLife, Boolean>();
        for (ServiceLife life : lives) {
            inTree.put(life, true);
            ServiceStop stop = life.stopIfBegun();
            long stopCalled = stop == null ? ServiceLife.NEVER : stop.calledAt();
            long stopReturned = stop == null ? ServiceLife.NEVER : stop.returnedAt();
            Throwable failure = life.start.threw();
            if (failure == null && stop != null) {
                failure = stop.threw();
            }
            entries.add(new LifecycleReport.Entry(life.service, life.name, stateOf(life),
                    LifeTree.steps(life), since(began, life.start.calledAt()),
                    took(life.start.calledAt(), life.start.returnedAt()),
                    since(began, stopCalled), took(stopCalled, stopReturned), failure));
        }
        return LifecycleReport.of(entries, criticalPath(root, began, inTree));
    }

    /** From the root's start back: each start whose return let the next one be called. */
    private static List<Service> criticalPath(ServiceLife root, long began,
            IdentityHashMap<ServiceLife, Boolean> inTree) {
        var path = new ArrayList<Service>();
        // a root called before this start began ran already: this start waited for no start()
        if (root.start.returnedAt() != ServiceLife.NEVER && root.start.calledAt() - began >= 0) {
            for (ServiceLife life = root; life != null; life = before(life, began, inTree)) {
                path.add(life.service);
            }
            Collections.reverse(path);
        }
        return path;
    }

    /** The start on the path before {@code life}'s: one of the tree, ended within the start. */
    private static @Nullable ServiceLife before(ServiceLife life, long began,
            IdentityHashMap<ServiceLife, Boolean> inTree) {
        ServiceLife after = life.start.calledAfter();
        return after != null && inTree.containsKey(after)
                && after.start.returnedAt() - began >= 0 ? after : null;
    }

    private static LifecycleReport.State stateOf(ServiceLife life) {
        return switch (life.state()) {
            case CLAIMED, ACQUIRING, STARTING -> LifecycleReport.State.STARTING;
            case RUNNING -> LifecycleReport.State.RUNNING;
            case FAILED, FAILED_STARTING, FAILED_STARTED, START_THREW ->
                    LifecycleReport.State.FAILED;
            case CANCELLING_START, STOPPING, CANCELLING_TASKS, RELEASING ->
                    LifecycleReport.State.STOPPING;
            case STOPPED -> LifecycleReport.State.STOPPED;
        };
    }

    private static @Nullable Duration since(long began, long at) {
        return at == ServiceLife.NEVER ? null : Duration.ofNanos(at - began);
    }

    private static @Nullable Duration took(long called, long returned) {
        return called == ServiceLife.NEVER || returned == ServiceLife.NEVER ? null
                : Duration.ofNanos(returned - called);
    }
}
