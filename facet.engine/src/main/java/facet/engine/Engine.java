package facet.engine;

import static java.util.Objects.requireNonNull;

import facet.api.Running;
import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineListener;
import facet.engine.lifecycle.LiveServices;
import facet.engine.lifecycle.Orchestrator;
import facet.engine.spi.ExecutionBackend;
import facet.engine.work.WorkerPool;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The engine: starts and stops service graphs on one {@link ExecutionBackend}. What
 * {@code facet.api} calls, through {@link EngineFacetProvider}, and what the testkit drives.
 *
 * <p>{@code Facet} uses one engine per JVM, on the backend found by {@code ServiceLoader}, with
 * a shutdown hook. Tests may make their own, on a backend of their choice. How a tree starts
 * and stops is decided in {@code facet.engine.lifecycle}: see {@code ServiceLife}.
 */
public final class Engine {

    private final Orchestrator orchestrator;
    private final boolean stopOnShutdown;
    private final AtomicBoolean hookInstalled = new AtomicBoolean();

    /**
     * An engine on {@code backend}, with no shutdown hook.
     *
     * @param backend runs every strand and owns all time
     */
    public Engine(ExecutionBackend backend) {
        this(backend, EngineListener.NONE, false);
    }

    /**
     * An engine on {@code backend} that tells {@code listener} of every hook and task and of its
     * own decisions, with no shutdown hook.
     *
     * @param backend runs every strand and owns all time
     * @param listener hears every {@link EngineEvent}
     */
    public Engine(ExecutionBackend backend, EngineListener listener) {
        this(backend, listener, false);
    }

    Engine(ExecutionBackend backend, EngineListener listener, boolean stopOnShutdown) {
        this.orchestrator = new Orchestrator(requireNonNull(backend, "backend"),
                requireNonNull(listener, "listener"));
        this.stopOnShutdown = stopOnShutdown;
    }

    // ------------------------------------------------------------------ the API

    /**
     * Starts a tree and waits until it runs: {@code Facet.start}.
     *
     * @param service the root
     * @param <S> its type
     * @return a hold on it
     * @throws Exception as {@code Facet.start}
     */
    public <S extends Service> Running<S> start(S service) throws Exception {
        installShutdownHook();
        return orchestrator.start(service);
    }

    /**
     * Starts a tree without waiting: {@code Facet.startAsync}.
     *
     * @param service the root
     * @param <S> its type
     * @return a future of the hold
     */
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        installShutdownHook();
        return orchestrator.startAsync(service);
    }

    /**
     * Starts a tree, waits until it stops or crashes, stops it: {@code Facet.run}.
     *
     * @param service the root
     * @throws Exception as {@code Service.run}
     */
    public void run(Service service) throws Exception {
        installShutdownHook();
        orchestrator.run(service);
    }

    /**
     * Waits until {@code service} stops or crashes: {@code Service.await}.
     *
     * @param service the service
     * @throws Exception the crash
     */
    public static void await(Service service) throws Exception {
        LiveServices.await(service);
    }

    /**
     * Runs a task owned by {@code service}: {@code Service.addTask}.
     *
     * @param service the owner
     * @param task the work
     * @param <T> the result type
     * @return its future
     */
    public static <T extends @Nullable Object> Future<T> addTask(Service service,
            Callable<T> task) {
        return LiveServices.addTask(service, requireNonNull(task, "task"));
    }

    /**
     * Whether {@code service} runs: {@code Service.running}.
     *
     * @param service the service
     * @return {@code true} from a successful start until its stop begins
     */
    public static boolean running(Service service) {
        return LiveServices.running(service);
    }

    /**
     * How many services are live in all engines: the engine's per-service bookkeeping, for leak
     * tests. Not API: this package is exported to {@code facet.testkit} only.
     *
     * @return the count
     */
    public static int liveServices() {
        return LiveServices.count();
    }

    /**
     * How many workers (strands that run hooks and tasks) are alive in all engines, standing-by
     * spares included: for leak tests. Not API, as {@link #liveServices()}.
     *
     * @return the count
     */
    public static int liveWorkers() {
        return WorkerPool.alive();
    }

    /**
     * Forgets every service still live on this engine, and every hold: for a simulation whose
     * strands were cut short, so that nothing of it stays in the table all engines share.
     */
    public void discard() {
        orchestrator.discard();
    }

    // ------------------------------------------------------------------ JVM shutdown

    private void installShutdownHook() {
        if (stopOnShutdown && hookInstalled.compareAndSet(false, true)) {
            ShutdownHook.install(this);
        }
    }

    /** The JVM is going down: stop every held root, newest first, each within its timeout. */
    void shutdown() {
        orchestrator.shutdown();
    }

    ExecutionBackend backend() {
        return orchestrator.backend();
    }

    @Override
    public String toString() {
        return "Engine[" + orchestrator.backend().name() + "]";
    }
}
