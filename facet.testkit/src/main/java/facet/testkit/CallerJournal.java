package facet.testkit;

import org.jspecify.annotations.Nullable;

/**
 * Records the calls a scenario makes and how they end, as {@code caller <call>} then
 * {@code caller <done>} or {@code caller <call> threw} (with what it threw), under the name of
 * the root. The {@link Invariants} read them beside the engine's own events.
 */
final class CallerJournal {

    /** A call that may throw. */
    @FunctionalInterface
    interface Call<T extends @Nullable Object> {
        T run() throws Exception;
    }

    /** A call that returns nothing. */
    @FunctionalInterface
    interface VoidCall {
        void run() throws Exception;
    }

    private final @Nullable Journal journal;

    CallerJournal(@Nullable Journal journal) {
        this.journal = journal;
    }

    <T extends @Nullable Object> T call(String root, String call, String done, Call<T> body)
            throws Exception {
        Journal target = journal;
        if (target == null) {
            return body.run();
        }
        target.record(root, "caller " + call);
        T result;
        try {
            result = body.run();
        } catch (Exception | Error thrown) {
            target.record(root, "caller " + call + " threw", thrown);
            throw thrown;
        }
        target.record(root, "caller " + done);
        return result;
    }

    void call(String root, String call, String done, VoidCall body) throws Exception {
        call(root, call, done, () -> {
            body.run();
            return null;
        });
    }

    boolean enabled() {
        return journal != null;
    }
}
