package facet.engine;

import facet.api.Service;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A hook that calls {@code Facet.start} on something that waits for that very hook: refused at
 * once with a message, rather than a deadlock. A {@code start()} of {@code a} starting a root
 * that needs {@code a} running, or a {@code stop()} of {@code a} starting a root that needs
 * {@code a} stopped first, would wait forever for the hook it is called from. Checked only on a worker's thread,
 * in a hook, under the graph's lock.
 */
final class SelfWait {

    private SelfWait() {}

    /**
     * The start that {@code reading} is of waits for the live services it found to run: fails
     * if the hook on this thread is the {@code start()} of one of them, or of a dependency one of
     * them still waits for.
     */
    static void checkLive(GraphReader.Reading reading, Graph graph) {
        Run hook = Worker.currentRun();
        if (hook == null || hook.kind != Run.Kind.START || hook.node == null
                || hook.node.phase() != Node.Phase.STARTING) {
            return;
        }
        Node self = hook.node;
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var pending = new ArrayDeque<Node>();
        for (Service live : reading.live()) {
            Node node = graph.get(live);
            if (node != null && seen.add(node)) {
                pending.add(node);
            }
        }
        for (Node node = pending.poll(); node != null; node = pending.poll()) {
            if (node == self) {
                throw new IllegalStateException("start() of " + self.name + " calls Facet.start("
                        + reading.rootName() + "), which needs " + self.name
                        + " running first: it would wait for itself. Start it once "
                        + self.name + " runs (from a task, say).");
            }
            if (node.phase() != Node.Phase.RUNNING) { // it still waits for its dependencies
                for (Node[] step : node.steps()) {
                    for (Node dependency : step) {
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
    static void checkStopping(String root, Node stopping) {
        Run hook = Worker.currentRun();
        if (hook == null || hook.node == null || hook.kind == Run.Kind.TASK
                || hook.kind == Run.Kind.ENGINE) {
            return;
        }
        Node self = hook.node;
        if (self != stopping) {
            return;
        }
        String which = hook.kind == Run.Kind.START ? "start()" : "stop()";
        throw new IllegalStateException(which + " of " + self.name + " calls Facet.start("
                + root + "), which must wait for " + stopping.name
                + " to stop first, and that waits for this " + which + ": it would wait for"
                + " itself.");
    }
}
