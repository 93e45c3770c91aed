package facet.engine.lifecycle;

import facet.api.Service;
import facet.api.spi.ServiceNames;
import facet.engine.graph.IdentityTable;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every live service of every engine, by identity, behind one lock; and what a service asks of
 * its own life ({@code await}, {@code addTask}, {@code running}).
 *
 * <p>One table for all engines, because the provided methods of {@link Service} find a
 * service's life from the service alone. The lock is held only for bookkeeping: never while
 * user code or a backend scheduling point runs (see {@link Transition}). The table is never
 * iterated in an order that matters, so identity hashes never order anything.
 */
public final class LiveServices {

    static final LiveServices GLOBAL = new LiveServices();

    private final ReentrantLock lock = new ReentrantLock();
    private final IdentityTable<Service, ServiceLife> lives = new IdentityTable<>();
    /**
     * Whether no service lives in any engine, read without the lock by {@link #find}: a start
     * whose graph shares nothing with a running one reads it with no lock and no lookup per
     * service. Written under the lock: false before the first life goes in, true once the last
     * comes out.
     */
    private volatile boolean empty = true;

    private LiveServices() {}

    // ------------------------------------------------------------------ a service's own calls

    /**
     * Waits until {@code service} stops or crashes: {@code Service.await}.
     *
     * @param service the service
     * @throws Exception the crash of its stack
     */
    public static void await(Service service) throws Exception {
        ServiceLife life = GLOBAL.find(service);
        if (life != null) {
            life.awaitExit();
        }
    }

    /**
     * Runs a task owned by {@code service}: {@code Service.addTask}.
     *
     * @param service the owner
     * @param task the work
     * @param <T> the result type
     * @return its future
     * @throws IllegalStateException if the service is not starting or running
     */
    public static <T extends @Nullable Object> Future<T> addTask(Service service,
            Callable<T> task) {
        // one transition, no clock, nothing to log or tell: adding a task never starts a stop,
        // and the task tells its engine's listener itself as it runs
        TaskFuture<T> added = GLOBAL.transact(
                new Transition(Transition.UNTIMED, false, Long.MAX_VALUE, EngineEvents.SILENT,
                        null),
                transition -> {
                    ServiceLife life = GLOBAL.get(service);
                    return life == null ? null : life.addTask(task, transition);
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
        return GLOBAL.locked(table -> {
            ServiceLife life = table.get(service);
            return life != null && life.running();
        });
    }

    /**
     * How many services are live in all engines: the engine's per-service bookkeeping, for leak
     * tests.
     *
     * @return the count
     */
    public static int count() {
        return GLOBAL.locked(table -> table.lives.size());
    }

    // ------------------------------------------------------------------ the lock

    /**
     * Runs {@code body} as the transition {@code transition}: takes the lock, runs the body and the
     * steps it queued, releases the lock, runs the effects.
     */
    <T extends @Nullable Object> T transact(Transition transition, Function<Transition, T> body) {
        if (lock.isHeldByCurrentThread()) {
            throw new AssertionError("a transition inside a transition: its effects, user code"
                    + " and backend calls among them, would run under the lock");
        }
        T result;
        lock.lock();
        try {
            result = body.apply(transition);
            transition.drain();
        } finally {
            lock.unlock();
        }
        transition.runEffects();
        return result;
    }

    /** Reads or writes under the lock, with no transition: nothing that has effects. */
    <T extends @Nullable Object> T locked(Function<LiveServices, T> body) {
        lock.lock();
        try {
            return body.apply(this);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the table

    /** The live life of {@code service}, looked up under the lock unless nothing lives. */
    @Nullable ServiceLife find(Service service) {
        if (empty) { // nothing lives: a claim checks again under the lock anyway
            return null;
        }
        lock.lock(); // not locked(...): every start asks, and a lambda's class costs a launch
        try {
            return lives.get(service);
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing lives, in any engine; call under the lock (then it is exact). */
    boolean isEmpty() {
        return lives.size() == 0;
    }

    /** The live life of {@code service}; call under the lock. */
    @Nullable ServiceLife get(Service service) {
        return lives.get(service);
    }

    /** Call under the lock. */
    void put(ServiceLife life) {
        if (empty) {
            empty = false; // before the put: a find that reads true finds nothing under the lock
        }
        lives.put(life.service, life);
    }

    /** Call under the lock. */
    void remove(ServiceLife life) {
        lives.remove(life.service, life);
        if (lives.size() == 0) {
            empty = true;
        }
    }

    /** Forgets every life of {@code orchestrator}; call under the lock. Order does not matter. */
    void removeAll(Orchestrator orchestrator) {
        lives.removeValuesIf(life -> life.orchestrator == orchestrator);
        if (lives.size() == 0) {
            empty = true;
        }
    }
}
