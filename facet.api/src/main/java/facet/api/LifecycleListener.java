package facet.api;

/**
 * Hears every {@link LifecycleEvent} of the services started in this JVM (or, added from a hook
 * inside a test's simulation, of that simulation). Add one with
 * {@link Facet#addListener(LifecycleListener)}, or provide one with
 * {@link java.util.ServiceLoader} ({@code provides facet.api.LifecycleListener with ...} in a
 * {@code module-info}, or a {@code META-INF/services/facet.api.LifecycleListener} file): those are
 * added when facet is first used, and stay.
 *
 * <p>It is called on the threads that run the hooks, often several at once: it must be
 * thread-safe, and quick, as the lifecycle waits for it. A listener that throws is logged at
 * WARNING and changes nothing else. With no listener added, facet makes no event at all.
 */
@FunctionalInterface
public interface LifecycleListener {

    /**
     * Something happened.
     *
     * @param event what, and to which service
     */
    void onEvent(LifecycleEvent event);

    /**
     * A listener added with {@link Facet#addListener(LifecycleListener)}: closing it removes the
     * listener, which then hears no event that begins afterwards. Closing it again does nothing.
     */
    interface Registration extends AutoCloseable {

        /** Removes the listener. */
        @Override
        void close();
    }
}
