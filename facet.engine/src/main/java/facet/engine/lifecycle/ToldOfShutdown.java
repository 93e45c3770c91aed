package facet.engine.lifecycle;

import java.util.List;

/**
 * What the JVM's shutdown leaves to its hook: the threads it told (a {@code main} blocked in
 * {@code run()}, say), which end with a {@code JvmShutdownException} and then run their own code
 * after the call; and until when, on the backend's clock, the hook gives them to do so before it
 * returns and the JVM halts.
 *
 * @param threads the threads told, in the order they were told
 * @param deadlineNanos the end of the roots' longest timeout, and at least a second from now
 */
public record ToldOfShutdown(List<Thread> threads, long deadlineNanos) {

    /** Copies {@code threads}. */
    public ToldOfShutdown {
        threads = List.copyOf(threads);
    }
}
