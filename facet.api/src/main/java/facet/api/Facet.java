package facet.api;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Starts service trees: the entry point of facet.
 *
 * {@snippet file=facet/api/FacetSnippets.java region=runOrHold}
 *
 * <p>The first call finds the engine and an execution backend with
 * {@link java.util.ServiceLoader}: the jar {@code dev.facet:facet.executor.virtual} (virtual
 * threads) or {@code dev.facet:facet.executor.threads} (platform threads). With both present,
 * the system property {@code facet.backend} ({@code virtual} or {@code threads}) picks one,
 * else virtual threads win. With none, every call fails with a message naming the jars to add.
 *
 * <p>Memory: everything a hook did happens-before the return of the call that waited for it
 * ({@code start} for {@code start()} hooks, {@code close} and {@code run} for {@code stop()}
 * hooks, {@code await} for a crash), so fields a hook set need no {@code volatile} to be seen
 * there.
 *
 * <p>While any tree is held, a JVM shutdown hook stops the held roots in reverse start order,
 * each within its timeout, on SIGINT or SIGTERM; a second Ctrl-C ends the process at once. An
 * application whose container owns the shutdown turns it off: {@link #shutdownHook(boolean)}.
 */
public final class Facet {

    private Facet() {}

    /**
     * Starts {@code service} and its dependencies, and returns once the whole tree is running.
     *
     * <p>If the service is already running (started by another root or handle), this adds a
     * hold on it and returns at once. Every call must be matched by a {@link Running#close()}.
     *
     * @param service the root of the tree
     * @param <S> the type of the service
     * @return a hold on the running service
     * @throws NullPointerException if {@code service} or one of the dependencies in its tree is
     *     {@code null}; before any {@code start()} is called
     * @throws IllegalArgumentException if the tree has a dependency cycle, or a negative graceful
     *     shutdown timeout; before any {@code start()} is called
     * @throws Exception the exception a {@code start()} (or a task of a service still starting)
     *     threw, the same instance, once everything that did start was stopped. Nothing else of
     *     that start begins after it: starts queued are dropped, starts under way interrupted.
     *     Every other failure of the start (a concurrent start that threw or was interrupted, a
     *     {@code stop()} of the rollback) is suppressed under it, or logged at WARNING if it
     *     refuses suppression
     * @throws JvmShutdownException if the JVM is shutting down: the start is refused, or cut
     *     short and rolled back
     * @throws InterruptedException if the calling thread was interrupted; what was started is
     *     stopped first, and the interrupt status is kept
     */
    public static <S extends Service> Running<S> start(S service) throws Exception {
        return FacetProviderLookup.provider().start(service);
    }

    /**
     * Starts {@code service} and its dependencies without blocking the caller.
     *
     * <p>The tree is validated before this method returns: a {@code null} or a cycle throws here,
     * as for {@link #start(Service)}. Completing the returned future exceptionally before the
     * start does ({@code cancel}, {@code orTimeout}, ...) abandons the start: what was started
     * is stopped, and failures of that rollback are logged, as nobody waits for them. A tree that
     * runs after its future was completed by someone else is stopped again.
     *
     * {@snippet file=facet/api/FacetSnippets.java region=startAsync}
     *
     * @param service the root of the tree
     * @param <S> the type of the service
     * @return a future of the hold, completed once the whole tree is running, or exceptionally
     *     with the exception a {@code start()} threw, after the rollback
     */
    public static <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        return FacetProviderLookup.provider().startAsync(service);
    }

    /**
     * Starts {@code service}, waits until it is stopped or its stack crashes, then stops the
     * tree and returns; the counterpart of Python's {@code asyncio.run(service.run())}.
     *
     * @param service the root of the tree
     * @throws Exception as {@link Service#run()}
     */
    public static void run(Service service) throws Exception {
        FacetProviderLookup.provider().run(service);
    }

    /**
     * Reads the tree under {@code root} as a start would, and validates it the same way, without
     * starting anything: no hook is called but {@link Service#dependencies()},
     * {@link Service#gracefulShutdownTimeout()} and {@code toString()}. Each of those is called
     * once per service, as by a start. Services already running are read too.
     *
     * {@snippet file=facet/api/ServiceGraphSnippets.java region=draw}
     *
     * @param root the root of the tree
     * @return the graph, which draws itself as text, Mermaid or Graphviz
     * @throws NullPointerException if {@code root} or one of the dependencies in its tree is
     *     {@code null}, with the path to it, as {@link #start(Service)} throws it
     * @throws IllegalArgumentException if the tree has a dependency cycle or a negative graceful
     *     shutdown timeout, as {@link #start(Service)} throws it
     */
    public static ServiceGraph graph(Service root) {
        return FacetProviderLookup.provider().graph(root);
    }

    /**
     * Every root held in this JVM (by a {@link Running} or a start under way), oldest first,
     * each service of its tree with its state, as one moment's picture, for a look at a live
     * application (a debug endpoint, a log line on a slow shutdown). It calls no user code.
     *
     * <pre>
     * facet: 1 root held, oldest first
     * running: api (running)
     * +- 1: cache (running)
     * |  \- 1: db (running)
     * \- 2: web (stopping)
     * </pre>
     *
     * <p>The states are those of the engine's lifecycle: {@code claimed}, {@code acquiring} (its
     * dependencies start), {@code starting}, {@code running}, then {@code cancelling start},
     * {@code stopping}, {@code cancelling tasks}, {@code releasing} (its dependencies stop) and
     * {@code stopped}, or one of the {@code failed} states of a start that could not finish.
     *
     * @return the picture, in lines
     */
    public static String dump() {
        return FacetProviderLookup.provider().dump();
    }

    /**
     * Every root held in this JVM (by a {@link Running}, or a start under way), oldest first,
     * then every root whose stop is under way, with where its tree is, as one moment's picture:
     * what a startup, readiness or liveness probe asks. A root is listed from its
     * {@link #start(Service)} ({@code STARTING}, then {@code RUNNING}) until its stop is over
     * ({@code STOPPING} from the {@link Running#close()} that lets go of it last); a root held by
     * several starts is listed once for each, and stops once, after the last {@code close()}.
     * Called from a hook or task inside a test's simulation, it lists that simulation's roots. It
     * calls no user code.
     *
     * {@snippet file=facet/api/FacetSnippets.java region=roots}
     *
     * @return the roots, oldest first; empty if none is held
     */
    public static List<RootStatus> roots() {
        return FacetProviderLookup.provider().roots();
    }

    /**
     * Adds a listener that hears every {@link LifecycleEvent} from now on: each service's
     * {@code start()} and {@code stop()} as they begin and end, with how long they took, its
     * failed tasks, and stops abandoned past their deadline. Called from a hook or task inside a
     * test's simulation, it hears that simulation only.
     *
     * {@snippet file=facet/api/FacetSnippets.java region=addListener}
     *
     * @param listener the listener; it must be thread-safe (see {@link LifecycleListener})
     * @return its registration: {@code close()} removes it
     */
    public static LifecycleListener.Registration addListener(LifecycleListener listener) {
        return FacetProviderLookup.provider().addListener(
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Turns facet's JVM shutdown hook on or off. On (the default), while any tree is held, the
     * hook stops the held roots when the JVM shuts down (SIGINT, SIGTERM, {@code System.exit}):
     * newest first, each within its graceful shutdown timeout, and {@code run()} and
     * {@code await()} of those roots throw a {@link JvmShutdownException}. Off, facet registers
     * no hook (one registered now is removed), and the application stops its roots itself, from
     * its own hook or its container's: for frameworks and containers that own the order of the
     * shutdown. The system property {@code facet.shutdownHook=false} turns it off from the
     * command line; this call overrides the property.
     *
     * {@snippet file=facet/api/FacetSnippets.java region=shutdownHook}
     *
     * @param enabled {@code false} to leave the JVM's shutdown to the application
     */
    public static void shutdownHook(boolean enabled) {
        FacetProviderLookup.provider().shutdownHook(enabled);
    }

    /**
     * Sleeps for {@code duration} on facet's time: the engine's. On a real backend this is
     * {@link Thread#sleep(Duration)}; in a deterministic test (the testkit's simulation) the time
     * is virtual, and a hook that sleeps an hour returns at once in real time, an hour later in
     * the simulation's. A service that waits through this method, and reads the time through
     * {@link #clock()}, runs unchanged in both.
     *
     * {@snippet file=facet/api/FacetSnippets.java region=time}
     *
     * @param duration how long; zero or less does not sleep
     * @throws InterruptedException if the thread is interrupted meanwhile (a stop past its
     *     deadline interrupts a hook); the interrupt status is cleared, as by
     *     {@link Thread#sleep(Duration)}
     */
    public static void sleep(Duration duration) throws InterruptedException {
        FacetProviderLookup.provider().sleep(Objects.requireNonNull(duration, "duration"));
    }

    /**
     * A clock in UTC on facet's time: the system clock on a real backend, the virtual clock of a
     * simulation on its strands. Each read asks afresh, so one clock, kept in a field, serves
     * both. {@link Clock#withZone} gives the same clock in another zone.
     *
     * @return the clock
     */
    public static Clock clock() {
        return FacetClock.UTC;
    }
}
