package facet.engine.lifecycle;

import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * How waiters learn that a life exited: the latches of {@code await()} and of a restart, and
 * the future of {@code onExit()}. Made when someone first waits, and each part on first use,
 * under the lock: most lives are never awaited.
 */
final class ExitSignals {

    /** Opens once the life is over, its stop given up, or its stack crashed. */
    private @Nullable Latch exited;
    /** Opens once the life is over or its stop given up: a restart may then go on. */
    private @Nullable Latch over;
    private @Nullable CompletableFuture<Void> onExit;

    Latch exited(ExecutionBackend backend) {
        Latch latch = exited;
        if (latch == null) {
            latch = backend.newLatch();
            exited = latch;
        }
        return latch;
    }

    Latch over(ExecutionBackend backend) {
        Latch latch = over;
        if (latch == null) {
            latch = backend.newLatch();
            over = latch;
        }
        return latch;
    }

    /**
     * The future of {@code onExit()}: completed at once if the life has exited (with its
     * crash, if it crashed), else as it exits; failed, as the JVM's shutdown ends, if that
     * stopped it.
     */
    CompletableFuture<Void> onExit(ServiceLife life, @Nullable Crash crash, boolean hasExited) {
        CompletableFuture<Void> future = onExit;
        if (future == null) { // nothing depends on it yet: completing it here runs no code
            future = life.orchestrator.newFuture();
            if (crash != null) {
                future.completeExceptionally(crash.failure);
            } else if (hasExited) {
                JvmShutdown shutdown = life.stoppedBy();
                if (shutdown == null) {
                    future.complete(null);
                } else {
                    shutdown.failAtEnd(future, life.name);
                }
            }
            onExit = future;
        }
        return future;
    }

    /** The life's stack crashed: {@code onExit()} fails with it, {@code await()} goes on. */
    void crashed(Crash crash, Transition transition) {
        CompletableFuture<Void> future = onExit;
        Latch latch = exited;
        if (future != null || latch != null) {
            transition.after(() -> {
                if (future != null) {
                    future.completeExceptionally(crash.failure);
                }
                if (latch != null) {
                    latch.open();
                }
            });
        }
    }

    /**
     * The life is over, or its stop given up: every waiter goes on, a restart too; if the JVM's
     * shutdown stopped it, {@code onExit()} fails as that ends.
     */
    void over(ServiceLife life, Transition transition) {
        CompletableFuture<Void> future = onExit;
        Latch exitLatch = exited;
        Latch overLatch = over;
        JvmShutdown shutdown = life.stoppedBy();
        transition.after(() -> {
            if (future != null) {
                if (shutdown == null) {
                    future.complete(null);
                } else {
                    shutdown.failAtEnd(future, life.name);
                }
            }
            if (exitLatch != null) {
                exitLatch.open();
            }
            if (overLatch != null) {
                overLatch.open();
            }
        });
    }
}
