package facet.api.spi;

import facet.api.LifecycleListener;
import facet.api.RootStatus;
import facet.api.Running;
import facet.api.Service;
import facet.api.ServiceGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * An engine, as seen by {@code facet.api}: {@link facet.api.Facet} and the provided methods of
 * {@link Service} delegate here. Found by {@link java.util.ServiceLoader}; exactly one must be
 * present. Implementations must have a public no-argument constructor and be cheap to create;
 * their methods carry the contracts of the API methods of the same names.
 *
 * <p>For engine implementers only: this interface may change in a minor version.
 */
public interface FacetProvider {

    /**
     * See {@link facet.api.Facet#start(Service)}.
     *
     * @param service the root
     * @param <S> the type of the service
     * @return a hold on the running service
     * @throws Exception as {@link facet.api.Facet#start(Service)}
     */
    <S extends Service> Running<S> start(S service) throws Exception;

    /**
     * See {@link facet.api.Facet#startAsync(Service)}.
     *
     * @param service the root
     * @param <S> the type of the service
     * @return a future of the hold
     */
    <S extends Service> CompletableFuture<Running<S>> startAsync(S service);

    /**
     * See {@link facet.api.Facet#run(Service)}.
     *
     * @param service the root
     * @throws Exception as {@link Service#run()}
     */
    void run(Service service) throws Exception;

    /**
     * See {@link Service#await()}.
     *
     * @param service the service to wait for
     * @throws Exception as {@link Service#await()}
     */
    void await(Service service) throws Exception;

    /**
     * See {@link Service#addTask(Callable)}.
     *
     * @param service the owner of the task
     * @param task the work
     * @param <T> the type of the result
     * @return a future of the result
     */
    <T extends @Nullable Object> Future<T> addTask(Service service, Callable<T> task);

    /**
     * See {@link Service#running()}.
     *
     * @param service the service
     * @return whether it is running
     */
    boolean running(Service service);

    /**
     * See {@link facet.api.Facet#sleep(Duration)}.
     *
     * @param duration how long
     * @throws InterruptedException if interrupted meanwhile
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * What {@link facet.api.Facet#clock()} reads, at each read: the time of the engine whose
     * strand calls, else the system clock.
     *
     * @return the current instant
     */
    Instant instant();

    /**
     * See {@link facet.api.Facet#graph(Service)}.
     *
     * @param root the root
     * @return the graph, read and validated as a start would
     */
    ServiceGraph graph(Service root);

    /**
     * See {@link facet.api.Facet#dump()}: the roots of the engine whose strand calls, else the
     * JVM's.
     *
     * @return the picture
     */
    String dump();

    /**
     * See {@link facet.api.Facet#roots()}: the roots of the engine whose strand calls, else the
     * JVM's.
     *
     * @return the roots held, oldest first
     */
    List<RootStatus> roots();

    /**
     * See {@link facet.api.Facet#addListener(LifecycleListener)}: adds it to the engine whose
     * strand calls, else to the JVM's.
     *
     * @param listener the listener
     * @return its registration
     */
    LifecycleListener.Registration addListener(LifecycleListener listener);

    /**
     * See {@link facet.api.Facet#shutdownHook(boolean)}: turns the JVM shutdown hook of the
     * JVM's engine on or off.
     *
     * @param enabled {@code false} to leave the JVM's shutdown to the application
     */
    void shutdownHook(boolean enabled);
}
