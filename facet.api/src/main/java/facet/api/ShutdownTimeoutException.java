package facet.api;

import java.io.Serial;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A stop that did not end within the {@linkplain Service#gracefulShutdownTimeout() graceful
 * shutdown timeout}. Thrown by {@link Running#close()} and {@link Service#run()}.
 *
 * <p>The message names each service still stopping when the deadline passed; for each thread
 * that was stuck, a suppressed exception carries that thread's name and the stack trace of the
 * code it was stuck in. The stuck threads were interrupted; the engine stopped waiting for them.
 */
public final class ShutdownTimeoutException extends TimeoutException {

    @Serial private static final long serialVersionUID = 1L;

    /** Names of the services still stopping, serializable as it is. */
    private final String[] stillStopping;

    /**
     * Creates the exception.
     *
     * @param message what timed out, and what was still stopping
     * @param stillStopping the names of the services still stopping
     */
    public ShutdownTimeoutException(String message, List<String> stillStopping) {
        super(message);
        this.stillStopping = stillStopping.toArray(String[]::new);
    }

    /**
     * The services that were still stopping when the timeout ended, by name.
     *
     * @return their names, in the order their stops began
     */
    public List<String> stillStopping() {
        return List.of(stillStopping);
    }
}
