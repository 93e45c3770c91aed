package facet.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import facet.api.JvmShutdownException;
import facet.api.LifecycleListener;
import facet.api.RootStatus;
import facet.api.Running;
import facet.api.Service;
import facet.api.ServiceGraph;
import facet.api.spi.ServiceNames;
import facet.engine.event.EngineListener;
import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import facet.engine.work.Worker;
import facet.engine.work.WorkerPool;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Starts and stops trees of services on one backend: what one engine shares among the lives it
 * runs (the backend, its workers, its listener), the holds open on it, and the calls that begin
 * a life ({@code start}, {@code startAsync}, {@code run}) or end them all (the JVM's shutdown).
 *
 * <p>Every engine's lives live in the one table of {@link LiveServices}: a service lives on one
 * engine at a time.
 */
public final class Orchestrator {

    /**
     * How long, at least, the JVM's shutdown gives the threads it told to end, even past the
     * roots' timeouts: the code after a {@code run()} that a stop past its deadline ended has
     * had no time left of them.
     */
    private static final long GRACE_FOR_THE_TOLD = TimeUnit.SECONDS.toNanos(1);

    final ExecutionBackend backend;
    final WorkerPool workers;
    final EngineEvents events;
    /** Whether the calling thread is one of this engine's strands; null if nobody asks. */
    private final @Nullable BooleanSupplier onItsStrand;

    // Guarded by the lock: the open holds, in start order; and whether the JVM goes down.
    private final LinkedHashSet<Hold> holds = new LinkedHashSet<>();
    /** How many holds are open: written under the lock, read by {@link #holding()} without it. */
    private volatile int holdCount;
    /** Run, as an effect, by the transition that lets go of the last hold; set once, if at all. */
    private @Nullable Runnable whenNothingHeld;
    private boolean shuttingDown;
    /** Whether a {@code Drainable} service was claimed here: until then, no stop looks. */
    private volatile boolean drainables;
    /** The closes whose root is stopping, oldest first, until its stop ends. Locked. */
    private final ArrayList<CloseCall> closing = new ArrayList<>(0);
    /** The logs of crashes under way, each opened once its record is out; see below. */
    private final ArrayList<Latch> crashLogs = new ArrayList<>(0); // guarded by the lock
    /** The JVM's shutdown, once it began; read without the lock by {@link #waitEnded}. */
    private volatile @Nullable JvmShutdown jvmShutdown;
    /**
     * The threads inside a {@code start} or an {@code await} of this engine: those the JVM's
     * shutdown tells it is going down, and gives time to say so before the JVM halts.
     */
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    /**
     * An orchestrator on {@code backend}, telling {@code listener} what happens and logging to
     * {@code log}.
     *
     * @param backend runs every strand and owns all time
     * @param listener hears every hook, task and decision
     * @param log where its lifecycle lines and the failures nobody throws are logged
     * @param onItsStrand whether the calling thread is a strand of this engine, for an engine
     *     whose strands' waits on its futures must go through the backend (a simulation's);
     *     {@code null} for the JVM's engine, whose futures are waited for as any other
     */
    public Orchestrator(ExecutionBackend backend, EngineListener listener, System.Logger log,
            @Nullable BooleanSupplier onItsStrand) {
        this.backend = backend;
        this.workers = new WorkerPool(backend);
        this.events = new EngineEvents(listener, log);
        this.onItsStrand = onItsStrand;
    }

    /**
     * The backend it runs on.
     *
     * @return the backend
     */
    public ExecutionBackend backend() {
        return backend;
    }

    /** Whether the calling thread is a strand of this engine that must wait through it. */
    boolean onItsStrand() {
        BooleanSupplier asked = onItsStrand;
        return asked != null && asked.getAsBoolean();
    }

    /**
     * Sleeps on the backend's clock: {@code Facet.sleep} on one of its strands.
     *
     * @param duration how long; zero or less yields to other strands only
     * @throws InterruptedException if interrupted meanwhile
     */
    public void sleep(Duration duration) throws InterruptedException {
        backend.sleep(Math.max(0, TimeUnit.NANOSECONDS.convert(duration))); // saturates
    }

    /**
     * A new future of this engine: one that its strands wait for through the backend, if
     * anyone asks whether a thread is one of them.
     */
    <T extends @Nullable Object> CompletableFuture<T> newFuture() {
        return onItsStrand != null ? new StrandFuture<>(this) : new CompletableFuture<>();
    }

    /**
     * Adds a listener of the users' lifecycle events: {@code Facet.addListener}.
     *
     * @param listener the listener
     * @return its registration
     */
    public LifecycleListener.Registration addListener(LifecycleListener listener) {
        return events.lifecycle.add(listener);
    }

    // ---------------------------------------------------------------- the calls

    /**
     * Starts a tree and waits until it runs: {@code Facet.start}.
     *
     * @param service the root
     * @param <S> its type
     * @return a hold on it
     * @throws Exception as {@code Facet.start}
     */
    public <S extends Service> Running<S> start(S service) throws Exception {
        return new Claim<>(this, service, null).claim().join();
    }

    /**
     * Starts a tree without waiting: {@code Facet.startAsync}.
     *
     * @param service the root
     * @param <S> its type
     * @return a future of the hold
     */
    public <S extends Service> CompletableFuture<Running<S>> startAsync(S service) {
        CompletableFuture<Running<S>> future = newFuture();
        new Claim<>(this, service, future).claimInBackground(future);
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
                events.log(Level.WARNING, service, ServiceNames.name(service) + ": its stop"
                        + " failed; " + primary + " refuses suppression, so this failure is"
                        + " logged here", failed);
            }
        }
        // an interrupt is rethrown with the status set: await() and close() kept it
        if (primary != null) {
            throw Failures.checked(primary);
        }
    }

    /**
     * The JVM is going down: stops every held root, newest first, each within its timeout.
     *
     * @param ifHolding run first if a root is held (the JVM's hook lets a second Ctrl-C cut the
     *     stop short); with nothing held there is nothing to cut short, and it is not run
     * @return the threads told of the shutdown, and until when they may take to end
     */
    public ToldOfShutdown shutdown(Runnable ifHolding) {
        var made = new JvmShutdown(backend.newLatch());
        record Begun(List<Hold> newestFirst, JvmShutdown shutdown) {}
        Begun begun = transact(transition -> {
            shuttingDown = true;
            JvmShutdown shutdown = jvmShutdown;
            if (shutdown == null) {
                shutdown = made;
                jvmShutdown = shutdown;
            }
            var newestFirst = new ArrayList<>(holds);
            Collections.reverse(newestFirst);
            return new Begun(newestFirst, shutdown);
        });
        if (!begun.newestFirst().isEmpty()) {
            ifHolding.run();
        }
        long began = backend.nanoTime();
        JvmShutdown shutdown = begun.shutdown();
        try {
            for (Hold hold : begun.newestFirst()) {
                try {
                    hold.releaseOnShutdown();
                } catch (Throwable failure) {
                    shutdown.failed(failure);
                    // not through the logger: logging shuts itself down in a hook of its own
                    // (JUL resets its handlers), and the report would be lost
                    System.err.println("facet: stopping " + hold + " on JVM shutdown failed:");
                    failure.printStackTrace();
                }
            }
        } finally {
            for (Thread stillWaiting : waiting) {
                shutdown.told(stillWaiting); // each learns of the shutdown now
            }
            shutdown.finish();
        }
        long timeout = longestTimeout(begun.newestFirst());
        long deadline = Math.max(began + timeout, backend.nanoTime() + GRACE_FOR_THE_TOLD);
        return new ToldOfShutdown(shutdown.toldThreads(), deadline);
    }

    /** The longest graceful shutdown timeout of the roots held, in nanoseconds. */
    private static long longestTimeout(List<Hold> holds) {
        long longest = 0;
        for (Hold hold : holds) {
            longest = Math.max(longest, hold.root().timeoutNanos);
        }
        return longest;
    }

    /** A close let go of the last hold on its root, which stops: listed until it has. Locked. */
    void closingBegins(CloseCall call) {
        closing.add(call);
    }

    /** That root's stop is over. Locked. */
    void closingEnded(CloseCall call) {
        closing.remove(call);
    }

    /** A {@code Drainable} service was claimed: from now on, each stop looks for drains. */
    void drainableClaimed() {
        drainables = true;
    }

    /** Whether a stop looks for services to drain: not on an engine that never saw one. */
    boolean drainables() {
        return drainables;
    }

    /**
     * A crash is decided, and its log runs once the lock is released (R6: logged once at ERROR).
     * A start it fails may end in a later transition, made by a strand that was already running
     * (the start() that returns as the crash is being logged); that start throws only once the
     * crash logs under way are done, so whoever catches the crash finds it logged.
     */
    void crashLogBegins(Latch logged) {
        crashLogs.add(logged);
    }

    /** That crash is logged (its latch open): a start it failed may throw it. No lock held. */
    void crashLogEnded(Latch logged) {
        var unused = LiveServices.GLOBAL.locked(table -> crashLogs.remove(logged));
    }

    /** The crash logs under way, for a failed start to wait for. Call under the lock. */
    List<Latch> crashLogsUnderWay() {
        return crashLogs.isEmpty() ? List.of() : List.copyOf(crashLogs);
    }

    /** The calling thread begins to wait inside the engine; hand it to {@link #waitEnded}. */
    Thread waitBegins() {
        Thread caller = Thread.currentThread();
        waiting.add(caller);
        return caller;
    }

    /** It waits no more; if the JVM goes down, it was told so, and is given time to say it. */
    void waitEnded(Thread caller) {
        waiting.remove(caller);
        JvmShutdown shutdown = jvmShutdown;
        if (shutdown != null) {
            shutdown.told(caller);
        }
    }

    /**
     * The JVM's shutdown if the stop of a life beginning now is its doing: a stop that begins
     * once the shutdown did. Under the lock.
     */
    @Nullable JvmShutdown stoppingForShutdown() {
        return shuttingDown ? jvmShutdown : null;
    }

    /**
     * Every root held on this engine, oldest first, each service of its tree with its state:
     * {@code Facet.dump()}. Read under the lock, so it is one moment's picture; it calls no user
     * code.
     *
     * @return the picture, in lines
     */
    public String dump() {
        return LiveServices.GLOBAL.locked(table -> {
            var text = new StringBuilder("facet: ").append(holds.size())
                    .append(holds.size() == 1 ? " root held" : " roots held")
                    .append(holds.isEmpty() ? "\n" : ", oldest first\n");
            for (Hold hold : holds) {
                text.append(hold.kind()).append(": ").append(pictureOf(hold.root()));
            }
            return text.toString();
        });
    }

    /**
     * Every root held on this engine, oldest first, then every root whose close began and whose
     * stop is not over, and where each tree is: {@code Facet.roots()}. Read under the lock, so it
     * is one moment's picture; it calls no user code.
     *
     * @return the roots
     */
    public List<RootStatus> roots() {
        return LiveServices.GLOBAL.locked(table -> {
            var roots = new ArrayList<RootStatus>(holds.size() + closing.size());
            for (Hold hold : holds) {
                roots.add(hold.status());
            }
            for (CloseCall call : closing) {
                roots.add(call.status());
            }
            return List.copyOf(roots);
        });
    }

    /** The tree under {@code root}, each service named with its state. Under the lock. */
    private static ServiceGraph pictureOf(ServiceLife root) {
        var nodes = new ArrayList<ServiceGraph.Node>();
        for (ServiceLife life : LifeTree.of(root)) {
            nodes.add(new ServiceGraph.Node(life.service, life.name + " ("
                    + life.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")",
                    LifeTree.steps(life), Duration.ofNanos(life.timeoutNanos)));
        }
        return ServiceGraph.of(nodes);
    }

    /**
     * Forgets every service still live on this orchestrator, and every hold: for a simulation
     * whose strands were cut short, so that nothing of it stays in the table all engines share.
     */
    public void discard() {
        LiveServices.GLOBAL.locked(table -> {
            table.removeAll(this);
            holds.clear();
            closing.clear();
            holdCount = 0;
            return null;
        });
    }

    // ---------------------------------------------------------------- transitions

    /** Runs {@code body} as one transition of this engine's lives. */
    <T extends @Nullable Object> T transact(Function<Transition, T> body) {
        return transact(null, Long.MAX_VALUE, body);
    }

    /**
     * As {@link #transact(Function)}, reporting a job that returned {@code order}-th, by
     * {@code reporter} (it may take a job next).
     */
    <T extends @Nullable Object> T transact(@Nullable Worker reporter, long order,
            Function<Transition, T> body) {
        var transition = new Transition(backend.nanoTime(), events.debugging(), order, events,
                reporter);
        return LiveServices.GLOBAL.transact(transition, body);
    }

    // ---------------------------------------------------------------- holds, under the lock

    void holdTaken(StartCall<?> call) {
        holds.add(call);
        holdCount = holds.size();
    }

    /** A start succeeded: its hold is now the handle's, last in start order. */
    void holdPassed(StartCall<?> call, Handle<?> handle) {
        holds.remove(call);
        holds.add(handle);
    }

    void holdReleased(Hold hold, Transition transition) {
        holds.remove(hold);
        holdCount = holds.size();
        Runnable idle = whenNothingHeld;
        if (holds.isEmpty() && idle != null) {
            transition.after(idle);
        }
    }

    /**
     * Whether a root is held on this engine (a start under way, or a {@code Running} not yet
     * closed); read without the lock, so it may be a moment late.
     *
     * @return {@code true} if any hold is open
     */
    public boolean holding() {
        return holdCount > 0;
    }

    /**
     * Has {@code action} run each time the last hold is let go of, after the transition that did
     * it, on that thread: the JVM's engine removes its shutdown hook then.
     *
     * @param action short; it must not throw
     */
    public void whenNothingHeld(Runnable action) {
        whenNothingHeld = requireNonNull(action, "action");
    }

    /** A start made as the JVM goes down would never be stopped: refused. */
    void checkNotShuttingDown(String root) {
        if (shuttingDown) {
            throw new JvmShutdownException(
                    "cannot start " + root + ": the JVM is shutting down");
        }
    }

    /** A service lives on one engine at a time. */
    @SuppressWarnings("ReferenceEquality") // orchestrators are identities
    void checkOwns(ServiceLife life) {
        if (life.orchestrator != this) {
            throw new IllegalStateException(life.name + " is already live on another engine ("
                    + life.orchestrator.backend.name() + "); a service lives on one engine at a"
                    + " time");
        }
    }
}
