package facet.health;

import java.util.List;

/**
 * The roots held in this JVM, as the probes see them: the seam between the endpoint and the
 * engine. Called on every request, so it must be cheap and thread-safe, and never block.
 */
@FunctionalInterface
interface RootsView {

    /** What the public endpoint sees until the engine lists its roots. */
    RootsView NONE = List::of; // wired to Facet.roots() when it lands

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
        /** Its tree is stopping. */
        STOPPING,
        /** Its tree stopped; it is still held. */
        STOPPED
    }
}
