package facet.engine;

import facet.api.LifecycleListener;
import facet.api.RootStatus;
import facet.api.Running;
import facet.api.Service;
import facet.api.ServiceGraph;
import facet.api.spi.FacetProvider;
import facet.engine.graph.GraphReader;
import facet.engine.spi.ExecutionBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The engine as {@code facet.api} finds it: one engine per JVM, on the backend that
 * {@link BackendSelection} picks among those {@link ServiceLoader} finds, with a shutdown hook,
 * and with every {@link LifecycleListener} that {@link ServiceLoader} finds added for good.
 *
 * <p>On a strand of another engine (a simulation's), the calls reach that engine instead, and
 * time is its backend's: a hook that starts a tree of its own, sleeps or reads the clock stays
 * inside the simulation that runs it.
 */
public final class EngineFacetProvider implements FacetProvider {

    /** The system property that turns the JVM shutdown hook off: {@code false}. */
    static final String SHUTDOWN_HOOK_PROPERTY = "facet.shutdownHook";

    private static @Nullable Engine engine;
    /** What {@code Facet.shutdownHook} said, if it was called; else the property decides. */
    private static @Nullable Boolean shutdownHookWanted;

    /** For {@link ServiceLoader}. */
    public EngineFacetProvider() {}

    /** The JVM's engine; a failed selection is not cached, so it fails alike on every call. */
    static synchronized Engine engine() {
        Engine found = engine;
        if (found == null) {
            var backends = new ArrayList<ExecutionBackend>();
            var candidates = new ArrayList<BackendSelection.Candidate>();
            for (ExecutionBackend provided : ServiceLoader.load(ExecutionBackend.class,
                    ExecutionBackend.class.getClassLoader())) {
                backends.add(provided);
                candidates.add(new BackendSelection.Candidate(provided.name(),
                        provided.priority()));
            }
            ExecutionBackend backend = backends.get(BackendSelection.select(candidates,
                    System.getProperty(BackendSelection.PROPERTY)));
            found = new Engine(backend, shutdownHookWanted());
            // the users' listeners provided as services hear everything from the first start
            for (LifecycleListener listener : ServiceLoader.load(LifecycleListener.class)) {
                var unused = found.addListener(listener); // for the JVM's life
            }
            engine = found;
        }
        return found;
    }

    /** The API's word if it spoke, else the property's: on unless it says {@code false}. */
    private static boolean shutdownHookWanted() {
        Boolean wanted = shutdownHookWanted;
        return wanted != null ? wanted
                : !"false".equalsIgnoreCase(System.getProperty(SHUTDOWN_HOOK_PROPERTY, "true")
                        .strip());
    }

    /** Turns the JVM's hook on or off, on the JVM's engine now or when it is made. */
    @Override
    public void shutdownHook(boolean enabled) {
        synchronized (EngineFacetProvider.class) {
            shutdownHookWanted = enabled;
            if (engine != null) {
                engine.shutdownHook(enabled);
            }
        }
    }

    @Override
    public <S extends Service> Running<S> start(S service) throws Exception {
        Engine here = Engine.ofThisStrand();
        return here != null ? here.calls().start(service) : engine().start(service);
    }

    @Override
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        Engine here = Engine.ofThisStrand();
        return here != null ? here.calls().startAsync(service) : engine().startAsync(service);
    }

    @Override
    public void run(Service service) throws Exception {
        Engine here = Engine.ofThisStrand();
        if (here != null) {
            here.calls().run(service);
        } else {
            engine().run(service);
        }
    }

    /** Reads without an engine: nothing starts, so no backend is needed. */
    @Override
    public ServiceGraph graph(Service root) {
        return GraphReader.describe(root);
    }

    @Override
    public String dump() {
        Engine here = Engine.ofThisStrand();
        return here != null ? here.dump() : engine().dump();
    }

    @Override
    public List<RootStatus> roots() {
        Engine here = Engine.ofThisStrand();
        return here != null ? here.roots() : engine().roots();
    }

    @Override
    public LifecycleListener.Registration addListener(LifecycleListener listener) {
        Engine here = Engine.ofThisStrand();
        return here != null ? here.addListener(listener) : engine().addListener(listener);
    }

    // Off a marked strand, time is the system's: reading it never makes the JVM's engine.

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Engine here = Engine.ofThisStrand();
        if (here != null) {
            here.sleep(duration);
        } else {
            Thread.sleep(duration);
        }
    }

    @Override
    public Instant instant() {
        Engine here = Engine.ofThisStrand();
        return here != null ? here.backend().instant() : Instant.now();
    }

    @Override
    public void await(Service service) throws Exception {
        Engine.await(service);
    }

    @Override
    public <T extends @Nullable Object> Future<T> addTask(Service service, Callable<T> task) {
        return Engine.addTask(service, task);
    }

    @Override
    public boolean running(Service service) {
        return Engine.running(service);
    }
}
