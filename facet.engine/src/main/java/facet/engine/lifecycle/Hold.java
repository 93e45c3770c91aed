package facet.engine.lifecycle;

import facet.api.RootStatus;

/**
 * What holds a root open on an engine: a start call still going, or the {@link Handle} it
 * handed its caller. When the JVM shuts down, the engine lets go of each, newest first.
 */
interface Hold {

    /**
     * The root it holds.
     *
     * @return the root's life
     */
    ServiceLife root();

    /**
     * How {@code Facet.dump()} names it: a handle, or a start still under way.
     *
     * @return a few words
     */
    String kind();

    /**
     * What {@code Facet.roots()} says of it. Under the lock.
     *
     * @return its root, and where its tree is
     */
    RootStatus status();

    /**
     * Lets go as the JVM shuts down, and waits until what it held has stopped, within its
     * timeout.
     *
     * @throws Exception what went wrong in that stop
     */
    void releaseOnShutdown() throws Exception;
}
