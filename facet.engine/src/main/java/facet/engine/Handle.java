package facet.engine;

import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.CompletableFuture;

/** A hold on a running root: what {@code Facet.start} returns. */
@SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
final class Handle<S extends Service> implements Running<S> {

    final Node root;
    private final Engine engine;
    private final S service;
    /** Guarded by the graph's lock. */
    boolean closed;

    Handle(Engine engine, Node root, S service) {
        this.engine = engine;
        this.root = root;
        this.service = service;
    }

    @Override
    public S service() {
        return service;
    }

    @Override
    public void await() throws Exception {
        Engine.awaitExit(root);
    }

    @Override
    public CompletableFuture<Void> onExit() {
        return engine.graph().read(graph -> root.onExit()).copy();
    }

    @Override
    public void close() throws Exception {
        engine.close(this);
    }

    @Override
    public String toString() {
        return "Running[" + root.name + "]";
    }
}
