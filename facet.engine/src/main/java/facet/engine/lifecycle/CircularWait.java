package facet.engine.lifecycle;

import facet.api.Service;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.graph.GraphReader;
import facet.engine.work.Worker;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A hook that calls {@code Facet.start} on something that waits for that very hook: refused at
 * once with a message, rather than a deadlock. A {@code start()} of {@code a} starting a root
 * that needs {@code a} running, or a {@code stop()} of {@code a} starting a root that needs
 * {@code a} stopped first, would wait forever for the hook it is called from. Checked only in a
 * hook, on its worker's thread, under the lock.
 */
final class CircularWait {

    private CircularWait() {}

    /**
     * The start that {@code reading} is of waits for the live services it found to run: fails
     * if the hook on this thread is the {@code start()} of one of them, or of a dependency one of
     * them still waits for.
     */
    static void checkLive(GraphReader.Reading reading, LiveServices table) {
        if (!(Worker.currentJob() instanceof HookJob job) || job.hook != Hook.START
                || job.life.state() != ServiceLife.State.STARTING) {
            return;
        }
        ServiceLife self = job.life;
        Set<ServiceLife> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var pending = new ArrayDeque<ServiceLife>();
        for (Service live : reading.live()) {
            ServiceLife life = table.get(live);
            if (life != null && seen.add(life)) {
                pending.add(life);
            }
        }
        for (ServiceLife life = pending.poll(); life != null; life = pending.poll()) {
            if (life == self) {
                throw new IllegalStateException("start() of " + self.name + " calls Facet.start("
                        + reading.rootName() + "), which needs " + self.name
                        + " running first: it would wait for itself. Start it once "
                        + self.name + " runs (from a task, say).");
            }
            if (!life.running()) { // it still waits for its dependencies
                for (ServiceLife[] step : life.steps.steps()) {
                    for (ServiceLife dependency : step) {
                        if (seen.add(dependency)) {
                            pending.add(dependency);
                        }
                    }
                }
            }
        }
    }

    /**
     * The start of the root named {@code root} would wait for the stop of {@code stopping} to
     * end: fails if the hook on this thread is of {@code stopping} itself. (A service still held
     * by the hook's own service does not stop meanwhile: only a service nobody holds stops.)
     */
    static void checkStopping(String root, ServiceLife stopping) {
        if (!(Worker.currentJob() instanceof HookJob job) || job.life != stopping) {
            return;
        }
        throw new IllegalStateException(job.hook + " of " + stopping.name + " calls Facet.start("
                + root + "), which must wait for " + stopping.name
                + " to stop first, and that waits for this " + job.hook + ": it would wait for"
                + " itself.");
    }
}
