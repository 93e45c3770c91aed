package facet.api;

import java.util.Objects;

/**
 * One root that facet holds, or whose stop is under way, at the moment {@link Facet#roots()}
 * looked: for a health probe, a debug endpoint or a log line.
 *
 * @param service the root
 * @param name its readable name, as in facet's messages
 * @param state where its tree is
 * @param crashed whether a task under it failed and crashed its stack (R6): its {@code await()}
 *     and {@code run()} end with that failure; it stays held, and listed, until its
 *     {@code close()}
 */
public record RootStatus(Service service, String name, State state, boolean crashed) {

    /** Checks that no component is {@code null}. */
    public RootStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /** Where a held root's tree is. */
    public enum State {
        /** A start of it is under way: some {@code start()} of its tree has not returned. */
        STARTING,
        /**
         * Its whole tree started, and it is held until its {@code close()}: also after a crash,
         * which {@link #crashed()} tells.
         */
        RUNNING,
        /**
         * Its {@code close()} began (or the JVM's shutdown, or a crash followed by a close),
         * and its tree is stopping: listed until the stop is over, past its timeout too.
         */
        STOPPING
    }
}
