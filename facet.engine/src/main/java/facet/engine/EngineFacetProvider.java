package facet.engine;

import facet.api.Running;
import facet.api.Service;
import facet.api.spi.FacetProvider;
import facet.engine.event.EngineListener;
import facet.engine.spi.ExecutionBackend;
import java.util.ArrayList;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The engine as {@code facet.api} finds it: one engine per JVM, on the backend that
 * {@link BackendSelection} picks among those {@link ServiceLoader} finds, with a shutdown hook.
 */
public final class EngineFacetProvider implements FacetProvider {

    private static @Nullable Engine engine;

    /** For {@link ServiceLoader}. */
    public EngineFacetProvider() {}

    /** The JVM's engine; a failed selection is not cached, so it fails alike on every call. */
    static synchronized Engine engine() {
        Engine found = engine;
        if (found == null) {
            var backends = new ArrayList<ExecutionBackend>();
            ServiceLoader.load(ExecutionBackend.class, ExecutionBackend.class.getClassLoader())
                    .forEach(backends::add);
            ExecutionBackend backend = BackendSelection.select(backends, ExecutionBackend::name,
                    ExecutionBackend::priority, System.getProperty(BackendSelection.PROPERTY));
            found = new Engine(backend, EngineListener.NONE, true);
            engine = found;
        }
        return found;
    }

    @Override
    public <S extends Service> Running<S> start(S service) throws Exception {
        return engine().start(service);
    }

    @Override
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        return engine().startAsync(service);
    }

    @Override
    public void run(Service service) throws Exception {
        engine().run(service);
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
