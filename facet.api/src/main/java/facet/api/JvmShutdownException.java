package facet.api;

import java.io.Serial;

/**
 * The service waited for was stopped because the JVM is shutting down (SIGINT, SIGTERM,
 * {@code System.exit}), not because the application ended by itself. Thrown by
 * {@link Facet#run(Service)}, {@link Service#run()}, {@link Service#await()} and
 * {@link Running#await()}, and the failure of {@link Running#onExit()}, once facet's shutdown
 * hook has finished stopping every root it held; and by a {@link Facet#start(Service)} that the
 * shutdown cut short.
 *
 * <p>Every failure of the stops that shutdown made (a {@code stop()} that threw, a
 * {@link ShutdownTimeoutException} naming what was still stopping at a deadline) is attached as
 * a {@linkplain Throwable#getSuppressed() suppressed} exception, so the code after {@code run()}
 * can report how the shutdown went:
 *
 * {@snippet file=facet/api/ServiceSnippets.java region=jvmShutdown}
 *
 * <p>The process's exit status is the JVM's, fixed when the shutdown began: {@code 128} plus
 * the signal's number for a signal ({@code 130} for SIGINT, {@code 143} for SIGTERM), the
 * argument of {@code System.exit} otherwise. Facet does not change it: that would take
 * {@link Runtime#halt(int)}, which cuts short every other shutdown hook of the JVM (a log
 * appender flushing, a file being closed). An application that wants another status for a
 * failed shutdown may halt itself after reporting, knowing that; {@code System.exit} called
 * while the JVM shuts down blocks for ever.
 */
public final class JvmShutdownException extends IllegalStateException {

    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was stopped, and why
     */
    public JvmShutdownException(String message) {
        super(message);
    }
}
