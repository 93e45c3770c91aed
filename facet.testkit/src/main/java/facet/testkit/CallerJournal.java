package facet.testkit;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
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

    /**
     * As {@link #call}, for a call that returns a future: its end is recorded as the future
     * completes (on whichever strand completes it).
     */
    <T extends @Nullable Object> CompletableFuture<T> callAsync(String root, String call,
            String done, Supplier<CompletableFuture<T>> body) {
        Journal target = journal;
        if (target == null) {
            return body.get();
        }
        target.record(root, "caller " + call);
        CompletableFuture<T> future = body.get();
        var unused = future.whenComplete((value, thrown) -> {
            if (thrown != null) {
                target.record(root, "caller " + call + " threw", thrown);
            } else {
                target.record(root, "caller " + done);
            }
        });
        return future;
    }

    boolean enabled() {
        return journal != null;
    }
}
