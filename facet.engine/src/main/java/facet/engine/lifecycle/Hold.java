package facet.engine.lifecycle;

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
     * Lets go as the JVM shuts down, and waits until what it held has stopped, within its
     * timeout.
     *
     * @throws Exception what went wrong in that stop
     */
    void releaseOnShutdown() throws Exception;
}
