package facet.engine;

import static java.util.Objects.requireNonNull;

import facet.api.Running;
import facet.api.Service;
import facet.api.Task;
import facet.api.spi.ServiceNames;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineListener;
import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine: starts and stops service graphs on one {@link ExecutionBackend}.
 *
 * <p>{@code Facet} uses one engine per JVM, on the backend found by {@code ServiceLoader}, with
 * a shutdown hook. Tests may make their own, on a backend of their choice. Every engine shares
 * the one {@link Graph}: a service lives on one engine at a time.
 */
public final class Engine {

    static final System.Logger LOG = System.getLogger("facet");

    private final ExecutionBackend backend;
    private final EngineListener listener;
    private final boolean stopOnShutdown;
    private final Graph graph = Graph.GLOBAL;
    private final Workers workers;

    // Guarded by the graph's lock: the open holds (starts, then handles), in start order.
    private final LinkedHashSet<Object> holds = new LinkedHashSet<>();
    private boolean shuttingDown;
    private boolean hookInstalled;

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
        this.backend = requireNonNull(backend, "backend");
        this.listener = requireNonNull(listener, "listener");
        this.stopOnShutdown = stopOnShutdown;
        this.workers = new Workers(this);
    }

    ExecutionBackend backend() {
        return backend;
    }

    Graph graph() {
        return graph;
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
        return claim(service, null).join();
    }

    /**
     * Starts a tree without waiting: {@code Facet.startAsync}.
     *
     * @param service the root
     * @param <S> its type
     * @return a future of the hold
     */
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        requireNonNull(service, "service");
        var future = new CompletableFuture<Running<S>>();
        var cache = new GraphReader.Visits();
        Claim<S> claim = tryClaim(service, cache, future);
        if (claim.operation() == null) { // a service of the tree is still stopping: wait elsewhere
            var run = new Run("facet-start-" + ServiceNames.name(service), Run.Kind.ENGINE, null,
                    workers, () -> {
                Claim<S> next = claim;
                while (next.operation() == null) {
                    requireNonNull(next.stopping()).await();
                    next = tryClaim(service, cache, future);
                }
            }, (thrown, tx) -> {
                if (thrown != null) {
                    tx.after(() -> future.completeExceptionally(thrown));
                }
            });
            graph.transact(this, tx -> {
                tx.fork(run);
                return null;
            });
        }
        return future;
    }

    /**
     * Starts a tree, waits until it stops or crashes, stops it: {@code Facet.run}.
     *
     * @param service the root
     * @throws Exception as {@code Service.run}
     */
    public void run(Service service) throws Exception {
        Running<Service> running = start(service);
        Throwable primary = null;
        try {
            running.await();
        } catch (Throwable crashedOrInterrupted) {
            primary = crashedOrInterrupted;
        }
        try {
            running.close();
        } catch (Throwable failed) {
            if (primary == null) {
                primary = failed;
            } else if (!Failures.suppress(primary, failed)) {
                log(Level.WARNING, service, ServiceNames.name(service) + ": its stop failed; "
                        + primary + " refuses suppression, so this failure is logged here", failed);
            }
        }
        // an interrupt is rethrown with the status set: await() and close() kept it
        if (primary != null) {
            throw Failures.checked(primary);
        }
    }

    /**
     * Waits until {@code service} stops or crashes: {@code Service.await}.
     *
     * @param service the service
     * @throws Exception the crash
     */
    public static void await(Service service) throws Exception {
        Node node = Graph.GLOBAL.find(service);
        if (node != null) {
            awaitExit(node);
        }
    }

    static void awaitExit(Node node) throws Exception {
        Latch exited = Graph.GLOBAL.read(graph -> node.exitedLatch());
        try {
            if (exited != null) {
                exited.await();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // kept, so the caller's caller sees it too
            throw interrupted;
        }
        Crash crash = node.crash();
        if (crash != null) {
            crash.thrown();
            throw Failures.checked(crash.failure);
        }
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
        requireNonNull(task, "task");
        // one transition, no clock: adding a task never starts a stop
        TaskFuture<T> added = Graph.GLOBAL.transactUntimed(tx -> {
            Node live = Graph.GLOBAL.get(service);
            return live == null ? null : live.addTask(task, tx);
        });
        if (added != null) {
            return added;
        }
        throw new IllegalStateException("cannot add a task to " + ServiceNames.name(service)
                + ": it is not starting or running");
    }

    /**
     * Whether {@code service} runs: {@code Service.running}.
     *
     * @param service the service
     * @return {@code true} from a successful start until its stop begins
     */
    public static boolean running(Service service) {
        return Graph.GLOBAL.read(graph -> {
            Node node = graph.get(service);
            return node != null && node.running();
        });
    }

    /**
     * How many services are live in all engines: the engine's per-service bookkeeping, for leak
     * tests. Not API: this package is exported to {@code facet.testkit} only.
     *
     * @return the count
     */
    public static int liveServices() {
        return Graph.GLOBAL.size();
    }

    /**
     * How many workers (strands that run hooks and tasks) are alive in all engines, standing-by
     * spares included: for leak tests. Not API, as {@link #liveServices()}.
     *
     * @return the count
     */
    public static int liveWorkers() {
        return Workers.alive();
    }

    /**
     * Forgets every service still live on this engine, and every hold: for a simulation whose
     * strands were cut short, so that nothing of it stays in the graph all engines share.
     */
    public void discard() {
        graph.read(g -> {
            g.removeAll(this);
            holds.clear();
            return null;
        });
    }

    // ------------------------------------------------------------------ claiming

    /** A try at claiming: the start, or a service still stopping to wait for first. */
    private record Claim<S extends Service>(@Nullable StartOperation<S> operation,
            @Nullable Latch stopping) {}

    private <S extends Service> StartOperation<S> claim(S service,
            @Nullable CompletableFuture<Running<S>> future) throws InterruptedException {
        requireNonNull(service, "service");
        var cache = new GraphReader.Visits();
        while (true) {
            Claim<S> claim = tryClaim(service, cache, future);
            StartOperation<S> operation = claim.operation();
            if (operation != null) {
                return operation;
            }
            requireNonNull(claim.stopping()).await();
        }
    }

    /**
     * Reads what the start would claim (user code, no lock), then claims it in one transition
     * if nothing changed meanwhile; else tries again, or says which stop to wait for.
     */
    private <S extends Service> Claim<S> tryClaim(S service,
            GraphReader.Visits cache,
            @Nullable CompletableFuture<Running<S>> future) {
        installShutdownHook();
        while (true) {
            GraphReader.Reading reading = GraphReader.read(service, cache, this::isLive);
            Claim<S> claim = graph.transact(this, tx -> claimUnderLock(service, reading, future, tx));
            if (claim != null) {
                return claim;
            }
        }
    }

    private boolean isLive(Service service) {
        Node node = graph.find(service);
        if (node == null) {
            return false;
        }
        checkSameEngine(node);
        return node.phase() != Node.Phase.STOPPING;
    }

    /** {@code null}: the graph changed since it was read; read again. */
    private <S extends Service> @Nullable Claim<S> claimUnderLock(S service,
            GraphReader.Reading reading, @Nullable CompletableFuture<Running<S>> future, Tx tx) {
        if (shuttingDown) {
            throw new IllegalStateException(
                    "cannot start " + reading.rootName() + ": the JVM is shutting down");
        }
        for (GraphReader.Snapshot snapshot : reading.claim()) {
            Node node = graph.get(snapshot.service());
            if (node != null) {
                checkSameEngine(node);
                if (node.phase() != Node.Phase.STOPPING) {
                    return null; // claimed by another start meanwhile
                }
                if (node.stopGivenUp()) {
                    throw new IllegalStateException("cannot start " + node.name
                            + ": its previous stop timed out and has not returned");
                }
                SelfWait.checkStopping(reading.rootName(), node);
                Latch over = node.stopOverLatch();
                return over == null ? null : new Claim<>(null, over); // over: read again
            }
        }
        for (Service live : reading.live()) {
            Node node = graph.get(live);
            if (node == null || node.phase() == Node.Phase.STOPPING) {
                return null;
            }
            checkSameEngine(node);
        }
        SelfWait.checkLive(reading, graph);
        var order = new ArrayList<Node>(reading.claim().size());
        for (GraphReader.Snapshot snapshot : reading.claim()) {
            var node = new Node(this, snapshot);
            order.add(node);
            graph.put(node);
        }
        for (int index = 0; index < order.size(); index++) {
            List<List<Service>> steps = reading.claim().get(index).steps();
            var resolved = new Node[steps.size()][];
            for (int step = 0; step < resolved.length; step++) {
                List<Service> services = steps.get(step);
                resolved[step] = new Node[services.size()];
                for (int at = 0; at < services.size(); at++) {
                    resolved[step][at] = requireNonNull(graph.get(services.get(at)));
                }
            }
            order.get(index).link(resolved);
        }
        Node root = requireNonNull(graph.get(service));
        root.hold();
        var operation = new StartOperation<>(this, root, service, backend.newLatch(), future);
        holds.add(operation);
        if (future != null) {
            tx.after(() -> operation.abandonWithFuture(future));
        }
        for (Node node : order) {
            node.failIfDependencyFailed(tx);
        }
        root.awaitStart(operation, tx);
        return new Claim<>(operation, null);
    }

    private void checkSameEngine(Node node) {
        if (node.engine != this) {
            throw new IllegalStateException(node.name + " is already live on another engine ("
                    + node.engine.backend.name() + "); a service lives on one engine at a time");
        }
    }

    // ------------------------------------------------------------------ holds

    /** A start succeeded: its hold is now the handle's, last in start order. */
    void holdPassed(StartOperation<?> operation, Handle<?> handle) {
        holds.remove(operation);
        holds.add(handle);
    }

    void holdReleased(Object hold) {
        holds.remove(hold);
    }

    /**
     * An interrupt status already set on entry (an interrupted {@code await()} before a
     * try-with-resources closes) was reported already: it does not cut the stop short, and it is
     * set again on return. An interrupt during the wait ends the wait.
     */
    void close(Handle<?> handle) throws Exception {
        boolean pending = Thread.interrupted();
        try {
            Release release = graph.transact(this, tx -> release(handle, null, tx));
            if (release != null) {
                release.await();
            } else {
                Crash crash = handle.root.crash(); // not the last hold: nothing else to say
                if (crash != null && crash.claimForClose()) {
                    throw Failures.checked(crash.failure);
                }
            }
        } finally {
            if (pending) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes a handle nobody waits for (a start cancelled as it succeeded); logs failures. */
    void closeInBackground(Handle<?> handle) {
        graph.transact(this, tx -> release(handle, "stop of " + handle.root.name, tx));
    }

    private @Nullable Release release(Handle<?> handle, @Nullable String logAs, Tx tx) {
        if (handle.closed) {
            return null;
        }
        handle.closed = true;
        holds.remove(handle);
        var release = new Release(handle.root, backend.newLatch(), logAs);
        return handle.root.release(null, release, null, release.report, tx) ? null : release;
    }

    // ------------------------------------------------------------------ JVM shutdown

    private void installShutdownHook() {
        if (!stopOnShutdown) {
            return;
        }
        boolean install = graph.read(g -> {
            boolean first = !hookInstalled;
            hookInstalled = true;
            return first;
        });
        if (install) {
            ShutdownHook.install(this);
        }
    }

    /** The JVM is going down: stop every held root, newest first, each within its timeout. */
    void shutdown() {
        List<Object> open = graph.transact(this, tx -> {
            shuttingDown = true;
            var newestFirst = new ArrayList<>(holds);
            java.util.Collections.reverse(newestFirst);
            return newestFirst;
        });
        for (Object hold : open) {
            try {
                if (hold instanceof Handle<?> handle) {
                    handle.close();
                } else if (hold instanceof StartOperation<?> operation) {
                    var reason = new IllegalStateException(
                            "start abandoned: the JVM is shutting down");
                    Handle<?> raced = graph.transact(this, tx -> operation.abandon(reason, tx));
                    if (raced != null) {
                        raced.close();
                    } else {
                        operation.awaitDone(); // its caller gets the failures of the rollback
                    }
                }
            } catch (Throwable failure) {
                // not through the logger: logging shuts itself down in a hook of its own (JUL
                // resets its handlers), and the report would be lost
                System.err.println("facet: stopping " + hold + " on JVM shutdown failed:");
                failure.printStackTrace();
            }
        }
    }

    // ------------------------------------------------------------------ strands

    /** Code that a strand runs. */
    @FunctionalInterface
    interface UserCode {
        void call() throws Exception;
    }

    /**
     * {@code code}, told to the listener: {@link EngineEvent.Returned} after it, or
     * {@link EngineEvent.Threw}. What comes before it is told by {@link #began}, as its strand
     * takes it.
     */
    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel: nobody listens, add nothing
    UserCode observed(Service service, EngineEvent.Hook hook, UserCode code) {
        if (listener == EngineListener.NONE) {
            return code;
        }
        return () -> {
            try {
                code.call();
            } catch (Throwable failed) {
                listener.onEvent(new EngineEvent.Threw(service, hook, failed));
                throw Failures.checked(failed);
            }
            listener.onEvent(new EngineEvent.Returned(service, hook));
        };
    }

    /**
     * {@code run} begins on its strand: the listener hears {@link EngineEvent.Began} before
     * anything else happens there (no scheduling point in between).
     */
    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel
    void began(Run run) {
        Node node = run.node;
        EngineEvent.Hook hook = run.kind.hook;
        if (listener != EngineListener.NONE && node != null && hook != null) {
            listener.onEvent(new EngineEvent.Began(node.service, hook));
        }
    }

    /** Tells the listener of a decision {@code tx} made: see {@link Tx#note}. */
    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel
    void note(Tx tx, EngineEvent decision) {
        if (listener != EngineListener.NONE) {
            tx.note(() -> listener.onEvent(decision));
        }
    }

    /**
     * Logs {@code failure}, which no caller will throw, and tells the listener: where every
     * failure nobody throws ends up. Not under the lock: logging runs foreign code.
     */
    @SuppressWarnings("ReferenceEquality") // NONE is a sentinel
    void log(Level level, Service about, String message, Throwable failure) {
        LOG.log(level, message, failure);
        if (listener != EngineListener.NONE) {
            listener.onEvent(new EngineEvent.Logged(about, level, failure));
        }
    }

    Workers workers() {
        return workers;
    }

    void debug(Tx tx, Supplier<String> message) {
        tx.after(() -> LOG.log(Level.DEBUG, message));
    }

    @Override
    public String toString() {
        return "Engine[" + backend.name() + "]";
    }
}
