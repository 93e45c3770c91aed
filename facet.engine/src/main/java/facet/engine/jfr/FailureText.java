package facet.engine.jfr;

/** How an event names a failure: its class and message, in one string. */
public final class FailureText {

    private FailureText() {}

    /**
     * What {@code failure} says, as class and message, running no user code but its
     * {@code getMessage()}, and never failing.
     *
     * @param failure what was thrown
     * @return {@code class: message}, or the class alone if it has no message
     */
    public static String of(Throwable failure) {
        String message;
        try {
            message = failure.getMessage();
        } catch (RuntimeException broken) {
            message = "(its getMessage() threw " + broken.getClass().getName() + ")";
        }
        String type = failure.getClass().getName();
        return message == null ? type : type + ": " + message;
    }
}
