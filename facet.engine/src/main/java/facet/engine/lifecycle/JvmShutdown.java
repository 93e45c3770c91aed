package facet.engine.lifecycle;

import facet.api.JvmShutdownException;
import facet.engine.spi.Latch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The JVM's shutdown as the engine's hook makes it: the failures of the stops it made, and
 * whether it has finished. A waiter on a life whose stop the shutdown began learns, once the
 * hook has stopped everything it held, that the JVM is going down, with those failures: never
 * that its application ended by itself.
 */
final class JvmShutdown {

    private final Latch finished;
    // guarded by this: what the hook's stops threw, and onExit() futures waiting for the end
    private final List<Throwable> failures = new ArrayList<>();
    private final List<Waiting> waiting = new ArrayList<>();
    /** The threads that left a wait of the engine since it began, or were waiting as it ended. */
    private final Set<Thread> told = new LinkedHashSet<>();
    private boolean done;

    private record Waiting(CompletableFuture<Void> future, String name) {}

    JvmShutdown(Latch finished) {
        this.finished = finished;
    }

    /** A stop the hook made failed or timed out. */
    synchronized void failed(Throwable failure) {
        failures.add(failure);
    }

    /** {@code thread} learns of the shutdown: it is given time to end before the JVM halts. */
    synchronized void told(Thread thread) {
        told.add(thread);
    }

    /** Every thread told, but the hook's own. */
    synchronized List<Thread> toldThreads() {
        var others = new ArrayList<>(told);
        others.remove(Thread.currentThread());
        return others;
    }

    /** The hook has stopped every root it held: every waiter goes on. */
    void finish() {
        List<Waiting> pending;
        synchronized (this) {
            done = true;
            pending = List.copyOf(waiting);
            waiting.clear();
        }
        finished.open();
        for (Waiting each : pending) {
            each.future().completeExceptionally(exception(each.name()));
        }
    }

    /**
     * Waits until the hook has finished, then says why {@code name}'s wait ended.
     *
     * @throws InterruptedException if interrupted meanwhile
     */
    JvmShutdownException awaitEnd(String name) throws InterruptedException {
        finished.await();
        return exception(name);
    }

    /** Fails {@code future} as the hook finishes: {@code onExit()} of a life it stopped. */
    void failAtEnd(CompletableFuture<Void> future, String name) {
        synchronized (this) {
            if (!done) {
                waiting.add(new Waiting(future, name));
                return;
            }
        }
        future.completeExceptionally(exception(name));
    }

    private synchronized JvmShutdownException exception(String name) {
        int failed = failures.size();
        var shutdown = new JvmShutdownException(name + " was stopped because the JVM is shutting"
                + " down" + (failed == 0 ? "" : failed == 1 ? "; 1 stop of it failed (suppressed)"
                        : "; " + failed + " stops of it failed (suppressed)"));
        for (Throwable failure : failures) {
            shutdown.addSuppressed(failure);
        }
        return shutdown;
    }
}
