package facet.engine.lifecycle;

/**
 * What holds a root open on an engine: a start call still going, or the {@link Handle} it
 * handed its caller. When the JVM shuts down, the engine lets go of each, newest first.
 */
interface Hold {

    /**
     * Lets go as the JVM shuts down, and waits until what it held has stopped, within its
     * timeout.
     *
     * @throws Exception what went wrong in that stop
     */
    void releaseOnShutdown() throws Exception;
}
