package facet.health;

import facet.api.Facet;
import facet.api.RootStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The roots held in this JVM, as the probes see them: the seam between the endpoint and the
 * engine. Called on every request, so it must be cheap and thread-safe, and never block.
 */
@FunctionalInterface
interface RootsView {

    /** The roots facet holds in this JVM: {@link Facet#roots()}. */
    RootsView FACET = () -> {
        List<RootStatus> held = Facet.roots();
        var roots = new ArrayList<RootView>(held.size());
        for (RootStatus root : held) {
            Phase phase = switch (root.state()) {
                case STARTING -> Phase.STARTING;
                case RUNNING -> Phase.RUNNING;
                case STOPPING -> Phase.STOPPING;
            };
            roots.add(new RootView(root.name(), phase, root.crashed()));
        }
        return roots;
    };

    /**
     * The roots held now, oldest first.
     *
     * @return one moment's picture
     */
    List<RootView> now();

    /**
     * One root held.
     *
     * @param name its readable name, as in facet's messages
     * @param phase where it is in its life
     * @param crashed whether a task of its tree failed and crashed it
     */
    record RootView(String name, Phase phase, boolean crashed) {}

    /** Where a root is in its life. */
    enum Phase {
        /** Its tree is starting. */
        STARTING,
        /** Its tree started and runs. */
        RUNNING,
        /** Its tree is stopping: its last {@code close()} began. */
        STOPPING
    }
}
