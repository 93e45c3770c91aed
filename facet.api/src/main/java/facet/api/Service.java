package facet.api;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * A service: something that starts, runs and stops, after and before its dependencies.
 *
 * <p>Implement the hooks you need; all are optional, none needs a {@code super} call, and there
 * is no base class to extend:
 *
 * {@snippet file=facet/api/ServiceSnippets.java region=database}
 *
 * <p>The hooks ({@link #start()}, {@link #stop()}, {@link #dependencies()},
 * {@link #gracefulShutdownTimeout()}) are called by the engine, never by you. The provided
 * behaviour ({@link #run()}, {@link #await()}, {@link #addTask(Callable) addTask},
 * {@link #running()}) is implemented by the engine and is not meant to be overridden.
 *
 * <p>The rules the engine keeps:
 * <ul>
 *   <li>All of a service's dependencies are running before its {@code start()} is called; its
 *       {@code stop()} has returned before any of its dependencies' {@code stop()} is called.
 *   <li>An instance reached more than once (a diamond, several roots, several handles) starts
 *       once and stops once, when the last holder releases it.
 *   <li>When a {@code start()} throws, no further {@code start()} of that start begins,
 *       everything that did start is stopped, in order, and the caller gets the original
 *       exception with every other failure of that start suppressed under it; a service whose
 *       {@code start()} threw is not stopped.
 *   <li>A {@code stop()} that throws does not keep anything else from stopping.
 * </ul>
 *
 * <p>Services are identified by identity: {@code equals} and {@code hashCode} are never used.
 * Messages and logs name a service by its {@code toString()} if overridden, else by its simple
 * class name (and a {@code toString()} that throws or returns {@code null} never fails a
 * lifecycle: the class name and identity hash stand in for it).
 */
public interface Service {

    /**
     * Starts this service. Called once per start, after every dependency is running, on a thread
     * of the execution backend named {@code facet-start-<service>}.
     *
     * <p>If it throws, the start of the whole tree fails with that exception, everything that
     * did start is stopped, and this service's {@link #stop()} is not called. If the start is
     * abandoned (another service failed, or the caller was interrupted) while this hook runs,
     * its thread is interrupted.
     *
     * @throws Exception any failure: it fails the start of every root that depends on this one
     */
    default void start() throws Exception {}

    /**
     * Stops this service. Called once, when the last holder releases it, before any of its
     * dependencies stops, on a thread named {@code facet-stop-<service>}.
     *
     * <p>After it returns (or throws), the tasks this service still runs are interrupted and
     * awaited, then its dependencies stop. If it is still running when the
     * {@linkplain #gracefulShutdownTimeout() graceful shutdown timeout} ends, its thread is
     * interrupted and the caller stops waiting for it.
     *
     * @throws Exception any failure: it does not keep anything else from stopping, and it is
     *     thrown from the {@link Running#close()} or {@link #run()} that stopped this service
     */
    default void stop() throws Exception {}

    /**
     * The services this one needs, in steps: step {@code k + 1} starts only once every service
     * of step {@code k} is running; the services of one step start concurrently. Stop walks the
     * steps in reverse.
     *
     * <p>Read once per start, before any {@code start()} is called; that snapshot is what the
     * stop walks. A {@code null} dependency, or a cycle, fails the start at once with a message
     * naming the path to it.
     *
     * @return the dependencies; {@link Dependencies#none()} by default
     */
    default Dependencies dependencies() {
        return Dependencies.none();
    }

    /**
     * How long the whole stop of this service may take: its {@code stop()}, its tasks and its
     * dependencies. A dependency's own timeout can only shorten it. Past it, the threads still
     * stopping are interrupted, the caller stops waiting, and {@link Running#close()} or
     * {@link #run()} throws a {@link ShutdownTimeoutException} naming what was still stopping.
     *
     * <p>Read once per start, with {@link #dependencies()}. It must not be negative.
     *
     * {@snippet file=facet/api/ServiceSnippets.java region=gracefulShutdownTimeout}
     *
     * @return the timeout; ten seconds by default
     */
    default Duration gracefulShutdownTimeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * Starts this service and its dependencies, waits until it is stopped or crashes, then stops
     * the tree: the same as {@link Facet#run(Service)}.
     *
     * {@snippet file=facet/api/ServiceSnippets.java region=main}
     *
     * @throws Exception the exception of a failed start, or of the task that crashed the stack
     *     (with any stop failure suppressed under it), or the first stop failure, or a
     *     {@link ShutdownTimeoutException}
     * @throws JvmShutdownException if the JVM's shutdown stopped it: never a normal return then
     * @throws InterruptedException if the calling thread was interrupted; what was started is
     *     stopped first, and the interrupt status is kept
     */
    default void run() throws Exception {
        Facet.run(this);
    }

    /**
     * Waits until this service is stopped or its stack crashes; the counterpart of Python's
     * {@code wait()}. Returns at once if it is not started.
     *
     * @throws Exception the exception of the background task whose failure crashed this
     *     service or one of its dependencies
     * @throws JvmShutdownException if the JVM's shutdown stopped it while this waited
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    default void await() throws Exception {
        FacetProviderLookup.provider().await(this);
    }

    /**
     * Runs {@code task} in the background, owned by this service, on a thread of the execution
     * backend named {@code facet-task-<service>}.
     *
     * <p>If the task fails (other than by its cancellation), the stack crashes: every
     * {@link #await()}, {@link #run()} and {@link Running#onExit()} of a root that depends on
     * this service ends with that exception, which is logged once at ERROR; while the tree is
     * still starting, the start fails with it instead. When this service stops, its remaining
     * tasks are interrupted and awaited after {@link #stop()} returns.
     *
     * {@snippet file=facet/api/ServiceSnippets.java region=addTask}
     *
     * @param task the work
     * @param <T> the type of the task's result
     * @return a future of the task's result; cancelling it interrupts the task and does not
     *     crash the stack
     * @throws IllegalStateException if this service is not starting or running
     */
    default <T extends @Nullable Object> Future<T> addTask(Callable<T> task) {
        return FacetProviderLookup.provider().addTask(this, task);
    }

    /**
     * Runs {@code task} in the background, owned by this service; see
     * {@link #addTask(Callable)}.
     *
     * @param task the work
     * @return a future that completes when the task does; cancelling it interrupts the task
     * @throws IllegalStateException if this service is not starting or running
     */
    default Future<?> addTask(Task task) {
        return FacetProviderLookup.provider().<@Nullable Void>addTask(this, new TaskCallable(task));
    }

    /**
     * Whether this service is running: true from a successful start until its stop begins.
     *
     * @return {@code true} if running
     */
    default boolean running() {
        return FacetProviderLookup.provider().running(this);
    }
}
