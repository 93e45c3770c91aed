package facet.engine;

import facet.api.Service;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every live service of every engine, by identity, behind one lock.
 *
 * <p>One graph for all engines, because the provided methods of {@link Service} ({@code await},
 * {@code addTask}, {@code running}) find a service's state from the service alone. The lock is
 * held only for bookkeeping: never while user code or a backend scheduling point runs (see
 * {@link Tx}). The map is never iterated, so identity hashes never order anything.
 */
final class Graph {

    static final Graph GLOBAL = new Graph();

    private final ReentrantLock lock = new ReentrantLock();
    private final IdentityTable<Service, Node> nodes = new IdentityTable<>();

    private Graph() {}

    /**
     * Runs {@code body} as one transition: reads the clock, takes the lock, runs the body and the
     * steps it queued, releases the lock, runs the effects.
     */
    <T extends @Nullable Object> T transact(Engine engine, Function<Tx, T> body) {
        return transact(engine, null, Long.MAX_VALUE, body);
    }

    /**
     * As {@link #transact(Engine, Function)}, made by {@code worker} (it may take a run next) to
     * report a run that returned {@code returned}-th.
     */
    <T extends @Nullable Object> T transact(Engine engine, @Nullable Worker worker, long returned,
            Function<Tx, T> body) {
        return run(new Tx(engine.backend().nanoTime(), debug(), returned), worker, body);
    }

    /**
     * Runs {@code body} as a transition that reads no clock (it must not start a stop): for a
     * caller that learns the engine only under the lock, from the service's node.
     */
    <T extends @Nullable Object> T transactUntimed(Function<Tx, T> body) {
        return run(new Tx(Tx.UNTIMED, debug(), Long.MAX_VALUE), null, body);
    }

    /** The body and the steps it queued under the lock, then the effects after it. */
    private <T extends @Nullable Object> T run(Tx tx, @Nullable Worker worker,
            Function<Tx, T> body) {
        T result;
        lock.lock();
        try {
            result = body.apply(tx);
            tx.drain();
        } finally {
            lock.unlock();
        }
        tx.runEffects(worker);
        return result;
    }

    /** Asked before the lock is taken: logging code never runs under it. */
    private static boolean debug() {
        return Engine.LOG.isLoggable(System.Logger.Level.DEBUG);
    }

    /** Reads under the lock, with no transition: for lookups from outside the engine. */
    <T extends @Nullable Object> T read(Function<Graph, T> reader) {
        lock.lock();
        try {
            return reader.apply(this);
        } finally {
            lock.unlock();
        }
    }

    /** The live node of {@code service}, looked up under the lock. */
    @Nullable Node find(Service service) {
        lock.lock();
        try {
            return nodes.get(service);
        } finally {
            lock.unlock();
        }
    }

    /** The live node of {@code service}; call under the lock. */
    @Nullable Node get(Service service) {
        return nodes.get(service);
    }

    void put(Node node) {
        nodes.put(node.service, node);
    }

    void remove(Node node) {
        nodes.remove(node.service, node);
    }

    /** Forgets every node of {@code engine}; call under the lock. Order does not matter. */
    void removeAll(Engine engine) {
        nodes.removeValuesIf(node -> node.engine == engine);
    }

    /** How many services are live: the engine's bookkeeping, for leak tests. */
    int size() {
        return read(graph -> graph.nodes.size());
    }
}
