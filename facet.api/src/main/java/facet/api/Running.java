package facet.api;

import java.util.concurrent.CompletableFuture;

/**
 * A hold on a started service: the tree keeps running until every hold on it is released.
 * Returned by {@link Facet#start(Service)}; the Java form of Python's {@code async with}.
 *
 * {@snippet file=facet/api/RunningSnippets.java region=hold}
 *
 * <p>All methods are safe to call from any thread.
 *
 * @param <S> the type of the service
 */
// close() may throw InterruptedException on purpose: it waits for the stop, interruptibly.
@SuppressWarnings("try")
public interface Running<S extends Service> extends AutoCloseable {

    /**
     * The service this handle holds.
     *
     * @return the service passed to {@link Facet#start(Service)}
     */
    S service();

    /**
     * Waits until the service is stopped or its stack crashes.
     *
     * @throws Exception the exception of the background task whose failure crashed the stack
     * @throws JvmShutdownException if the JVM's shutdown stopped it (once facet's shutdown hook
     *     is done, the failures of its stops suppressed under it)
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    void await() throws Exception;

    /**
     * The same as {@link #await()}, for asynchronous callers: completes normally once the
     * service is stopped, exceptionally with the crash if its stack crashes first, or with a
     * {@link JvmShutdownException} if the JVM's shutdown stopped it.
     *
     * @return a future that the caller may compose but not complete; cancelling it has no effect
     *     on the service
     */
    CompletableFuture<Void> onExit();

    /**
     * What the tree did so far: each service with its state, when its {@code start()} was called
     * and how long it took, the critical path of the start; once the tree stopped, its stop too.
     * A picture of one moment, read without calling any user code.
     *
     * {@snippet file=facet/api/LifecycleReportSnippets.java region=report}
     *
     * @return the report, times measured from the start that returned this handle
     */
    LifecycleReport report();

    /**
     * Releases this hold. If it was the last hold on the service, stops the tree and waits for
     * the stop, within the service's {@linkplain Service#gracefulShutdownTimeout() graceful
     * shutdown timeout}. Closing a handle again does nothing.
     *
     * <p>What it throws, first match wins:
     * <ol>
     *   <li>the crash of the stack (the exception of the background task whose failure crashed
     *       it), if no {@link #await()}, {@link Service#await()} or {@link Service#run()} has
     *       thrown that crash yet, with the stop's failures suppressed under it. So the crash
     *       reaches the caller whether it landed just before the start returned (the start
     *       throws it) or just after, and a try-with-resources that awaited is never handed the
     *       same exception twice;
     *   <li>a {@link ShutdownTimeoutException} if the stop did not end in time, naming what was
     *       still stopping, with the stop's failures suppressed under it;
     *   <li>the first exception thrown by a {@code stop()} (the first that is not an
     *       interruption, if there is one), the rest suppressed under it.
     * </ol>
     * A failure that cannot be suppressed (its primary was built with suppression disabled) is
     * logged at WARNING instead, naming its service and hook.
     *
     * <p>An interrupt status already set when this is called (say, by an {@link #await()} that
     * was interrupted inside a try-with-resources) does not cut the stop short: it is kept, and
     * set again on return.
     *
     * @throws Exception as above
     * @throws InterruptedException if the calling thread is interrupted while it waits; the stop
     *     goes on, bounded by its timeout
     */
    @Override
    void close() throws Exception;
}
