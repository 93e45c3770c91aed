package facet.engine.lifecycle;

import java.io.Serial;

/**
 * Where a thread was stuck when a graceful shutdown timed out: its stack trace is that thread's,
 * not the place this was created. Attached under a {@link facet.api.ShutdownTimeoutException}.
 */
final class StuckThread extends Exception {

    @Serial private static final long serialVersionUID = 1L;

    StuckThread(String message, StackTraceElement[] stack) {
        super(message, null, false, true);
        setStackTrace(stack);
    }
}
