package facet.engine;

import static java.util.Objects.requireNonNull;

import facet.api.LifecycleListener;
import facet.api.RootStatus;
import facet.api.Running;
import facet.api.Service;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineListener;
import facet.engine.lifecycle.LiveServices;
import facet.engine.lifecycle.Orchestrator;
import facet.engine.lifecycle.ToldOfShutdown;
import facet.engine.spi.ExecutionBackend;
import facet.engine.work.WorkerPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The engine: starts and stops service graphs on one {@link ExecutionBackend}. What
 * {@code facet.api} calls, through {@link EngineFacetProvider}, and what the testkit drives.
 *
 * <p>{@code Facet} uses one engine per JVM, on the backend found by {@code ServiceLoader}, with
 * a shutdown hook. Tests may make their own, on a backend of their choice. How a tree starts
 * and stops is decided in {@code facet.engine.lifecycle}: see {@code ServiceLife}.
 */
public final class Engine implements FacetCalls {

    /** The name of the JVM's logger of the lifecycle. */
    static final String LOGGER = "facet";

    /** The engine whose strand the calling thread is, if that engine marks its strands. */
    private static final ThreadLocal<@Nullable Engine> ON_STRAND = new ThreadLocal<>();

    private final Orchestrator orchestrator;
    /** The JVM's engine's hook; none on an engine made by hand. */
    private final @Nullable ShutdownHook shutdownHook;
    private volatile FacetCalls calls = this;

    /**
     * An engine on {@code backend}, with no shutdown hook.
     *
     * <p>Unlike the JVM's engine, which {@code Facet} reaches from anywhere, an engine made here
     * is reached from its own strands: {@code Facet.start}, {@code run} and {@code startAsync}
     * called by a hook or a task it runs start on it, and {@code Facet.sleep} and
     * {@code Facet.clock()} there use its backend's time.
     *
     * @param backend runs every strand and owns all time
     */
    public Engine(ExecutionBackend backend) {
        this(backend, EngineListener.NONE);
    }

    /**
     * An engine on {@code backend} that tells {@code listener} of every hook and task and of its
     * own decisions, with no shutdown hook, reached from its own strands as
     * {@link #Engine(ExecutionBackend)}.
     *
     * @param backend runs every strand and owns all time
     * @param listener hears every {@link EngineEvent}
     */
    public Engine(ExecutionBackend backend, EngineListener listener) {
        this(backend, listener, System.getLogger(LOGGER));
    }

    /**
     * As {@link #Engine(ExecutionBackend, EngineListener)}, logging to {@code log} rather than to
     * the JVM's {@code facet} logger: a simulation keeps its own log.
     *
     * @param backend runs every strand and owns all time
     * @param listener hears every {@link EngineEvent}
     * @param log where lifecycle lines (DEBUG) and failures nobody throws (WARNING, ERROR) go
     */
    @SuppressWarnings("ReferenceEquality") // engines are identities
    public Engine(ExecutionBackend backend, EngineListener listener, System.Logger log) {
        this.orchestrator = new Orchestrator(
                new MarkingBackend(requireNonNull(backend, "backend"), this),
                requireNonNull(listener, "listener"), requireNonNull(log, "log"),
                () -> ON_STRAND.get() == this);
        this.shutdownHook = null;
    }

    /**
     * The JVM's engine: reached from anywhere, so it need not mark its strands; with a JVM
     * shutdown hook, on or off as {@code stopOnShutdown} says until {@link #shutdownHook}.
     */
    Engine(ExecutionBackend backend, boolean stopOnShutdown) {
        this.orchestrator = new Orchestrator(backend, EngineListener.NONE,
                System.getLogger(LOGGER), null);
        var hook = new ShutdownHook(this, stopOnShutdown);
        this.shutdownHook = hook;
        orchestrator.whenNothingHeld(hook.whenNothingHeld());
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
    @Override
    public <S extends Service> Running<S> start(S service) throws Exception {
        callBegins();
        try {
            return orchestrator.start(service);
        } finally {
            callEnded();
        }
    }

    /**
     * Starts a tree without waiting: {@code Facet.startAsync}.
     *
     * @param service the root
     * @param <S> its type
     * @return a future of the hold
     */
    @Override
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        callBegins();
        CompletableFuture<Running<S>> started;
        try {
            started = orchestrator.startAsync(service);
        } catch (Throwable notStarted) {
            callEnded();
            throw notStarted;
        }
        // the root is claimed in the background: the call lasts until the start is decided
        var unused = started.whenComplete((running, failure) -> callEnded());
        return started;
    }

    /**
     * Starts a tree, waits until it stops or crashes, stops it: {@code Facet.run}.
     *
     * @param service the root
     * @throws Exception as {@code Service.run}
     */
    @Override
    public void run(Service service) throws Exception {
        callBegins();
        try {
            orchestrator.run(service);
        } finally {
            callEnded();
        }
    }

    /**
     * Every root held on this engine, each service of its tree with its state:
     * {@code Facet.dump()}.
     *
     * @return the picture, in lines
     */
    public String dump() {
        return orchestrator.dump();
    }

    /**
     * Every root held on this engine, oldest first, and where its tree is:
     * {@code Facet.roots()}.
     *
     * @return the roots
     */
    public List<RootStatus> roots() {
        return orchestrator.roots();
    }

    /**
     * Adds a listener of the lifecycle events of this engine's services:
     * {@code Facet.addListener}.
     *
     * @param listener the listener
     * @return its registration: {@code close()} removes it
     */
    public LifecycleListener.Registration addListener(LifecycleListener listener) {
        return orchestrator.addListener(requireNonNull(listener, "listener"));
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
     * Calls {@code body} on the calling thread as if it were a strand of this engine: there,
     * {@code Facet}'s calls reach this engine, its futures are waited for through its backend,
     * and {@code Facet.sleep} and {@code Facet.clock()} use its time. For the first strand of a
     * simulation, which the testkit forks itself.
     *
     * @param body the work
     * @param <T> what it returns
     * @return what it returned
     * @throws Exception what it threw
     */
    public <T extends @Nullable Object> T callOnItsStrand(Callable<T> body) throws Exception {
        requireNonNull(body, "body");
        @Nullable Engine outer = mark();
        try {
            return body.call();
        } finally {
            unmark(outer);
        }
    }

    /** Runs {@code body} with the calling thread marked as a strand of this engine. */
    void runOnItsStrand(Runnable body) {
        @Nullable Engine outer = mark();
        try {
            body.run();
        } finally {
            unmark(outer);
        }
    }

    private @Nullable Engine mark() {
        @Nullable Engine outer = ON_STRAND.get();
        ON_STRAND.set(this);
        return outer;
    }

    private static void unmark(@Nullable Engine outer) {
        if (outer == null) {
            ON_STRAND.remove();
        } else {
            ON_STRAND.set(outer);
        }
    }

    /**
     * The engine whose strand runs the calling thread, if that engine marks its strands (any
     * engine but the JVM's).
     */
    static @Nullable Engine ofThisStrand() {
        return ON_STRAND.get();
    }

    /**
     * Puts {@code front} before this engine for {@code Facet}'s static calls made on its
     * strands: the testkit journals them as it does the calls of a scenario.
     *
     * @param front what those calls reach; it must end in this engine
     */
    public void callsFromItsStrands(FacetCalls front) {
        calls = requireNonNull(front, "front");
    }

    /** What {@code Facet}'s static calls made on this engine's strands reach. */
    FacetCalls calls() {
        return calls;
    }

    /** {@code Facet.sleep} on one of this engine's strands: on its backend's clock. */
    void sleep(Duration duration) throws InterruptedException {
        orchestrator.sleep(duration);
    }

    /**
     * Forgets every service still live on this engine, and every hold: for a simulation whose
     * strands were cut short, so that nothing of it stays in the table all engines share.
     */
    public void discard() {
        orchestrator.discard();
    }

    // ------------------------------------------------------------------ JVM shutdown

    /** A call that may hold a root begins: the JVM's engine registers its hook first. */
    private void callBegins() {
        if (shutdownHook != null) {
            shutdownHook.callBegins();
        }
    }

    private void callEnded() {
        if (shutdownHook != null) {
            shutdownHook.callEnded();
        }
    }

    /**
     * Turns the JVM's hook on or off: {@code Facet.shutdownHook}. An engine made by hand has
     * none, and ignores this.
     */
    void shutdownHook(boolean enabled) {
        if (shutdownHook != null) {
            shutdownHook.enabled(enabled);
        }
    }

    /** Whether the JVM's hook is registered now: while anything is held or a start under way. */
    boolean shutdownHookInstalled() {
        ShutdownHook hook = shutdownHook;
        return hook != null && hook.registered();
    }

    /** Whether a root is held on this engine. */
    boolean holding() {
        return orchestrator.holding();
    }

    /**
     * The JVM is going down: stop every held root, newest first, each within its timeout, and
     * give the threads told of it time to end, as the JVM's hook does.
     */
    void shutdown() {
        ShutdownHook.giveTimeToEnd(shutdown(Engine::nothingToCutShort), backend());
    }

    /** A shutdown that is not the JVM's sets no second-interrupt handler. */
    private static void nothingToCutShort() {}

    /**
     * As {@link #shutdown()}, running {@code ifHolding} first if a root is held.
     *
     * @return the threads told of the shutdown, which the caller may give time to end
     */
    ToldOfShutdown shutdown(Runnable ifHolding) {
        return orchestrator.shutdown(ifHolding);
    }

    ExecutionBackend backend() {
        return orchestrator.backend();
    }

    @Override
    public String toString() {
        return "Engine[" + orchestrator.backend().name() + "]";
    }
}
