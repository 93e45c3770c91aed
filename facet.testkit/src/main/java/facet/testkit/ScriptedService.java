package facet.testkit;

import facet.api.Dependencies;
import facet.api.Drainable;
import facet.api.Service;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A service whose hooks do what the test says and record it in a {@link Journal}.
 *
 * <p>Each hook records {@code "<name> start"} when entered, then {@code "<name> started"} or
 * {@code "<name> start failed"} (and {@code stop}, {@code stopped}, {@code stop failed} alike).
 * Configure it before starting it; the settings are not meant to change while it runs.
 *
 * <p>One made by {@link #named} is {@link Drainable}, but its {@code drain()} does nothing, and
 * records nothing, until {@link #onDrain(Action)} gives it something to do: then it records
 * {@code "drain"}, then {@code "drained"} or {@code "drain failed"}, and the checker
 * ({@link Invariants}) checks that every such drain of a tree comes before its first
 * {@code stop()}. One made by {@link #plain} is not {@code Drainable}, as most services are not:
 * a stop of its tree has nothing of its own to drain.
 *
 * {@snippet file=facet/testkit/ScriptedServiceSnippets.java region=graph}
 */
public sealed class ScriptedService implements Service permits ScriptedService.Draining {

    private final String name;
    private final Journal journal;
    private volatile Dependencies dependencies = Dependencies.none();
    private volatile Action onStart = Action.succeed();
    private volatile Action onStop = Action.succeed();
    private volatile Duration timeout = Duration.ofSeconds(10);
    private volatile @Nullable Action onDrain;

    private ScriptedService(String name, Journal journal) {
        this.name = name;
        this.journal = journal;
    }

    /**
     * A service that succeeds at everything and depends on nothing; it is {@link Drainable}.
     *
     * @param name its name in the journal and in facet's messages
     * @param journal where it records what it does; if a {@link Simulation} records into that
     *     journal too, the service leaves its hooks and tasks to the simulation's records
     * @return the service
     */
    public static ScriptedService named(String name, Journal journal) {
        return new Draining(name, journal);
    }

    /**
     * A service like {@link #named}'s that is not {@link Drainable}: a plain {@link Service}, as
     * most are. {@link #onDrain} refuses it.
     *
     * @param name its name in the journal and in facet's messages
     * @param journal as for {@link #named}
     * @return the service
     */
    public static ScriptedService plain(String name, Journal journal) {
        return new ScriptedService(name, journal);
    }

    /**
     * Sets the dependencies.
     *
     * @param dependencies what {@link #dependencies()} returns
     * @return this
     */
    public ScriptedService dependsOn(Dependencies dependencies) {
        this.dependencies = dependencies;
        return this;
    }

    /**
     * Sets what {@code start()} does.
     *
     * @param action the action
     * @return this
     */
    public ScriptedService onStart(Action action) {
        this.onStart = action;
        return this;
    }

    /**
     * Sets what {@code stop()} does.
     *
     * @param action the action
     * @return this
     */
    public ScriptedService onStop(Action action) {
        this.onStop = action;
        return this;
    }

    /**
     * Sets what {@code drain()} does: from then on it records its drains.
     *
     * @param action the action
     * @return this
     * @throws IllegalStateException if it is not {@link Drainable}: made by {@link #plain}
     */
    public ScriptedService onDrain(Action action) {
        if (!(this instanceof Drainable)) {
            throw new IllegalStateException(name + " is not Drainable (made by"
                    + " ScriptedService.plain): it has no drain() to script");
        }
        this.onDrain = action;
        return this;
    }

    /**
     * Whether {@code drain()} does something (and records it): {@link #onDrain} was called.
     *
     * @return {@code true} if it drains
     */
    public boolean drains() {
        return onDrain != null;
    }

    /**
     * Sets the graceful shutdown timeout.
     *
     * @param timeout what {@link #gracefulShutdownTimeout()} returns
     * @return this
     */
    public ScriptedService timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /**
     * The journal this service records into.
     *
     * @return the journal
     */
    public Journal journal() {
        return journal;
    }

    /**
     * Adds a background task that records {@code "task"}, runs {@code action}, then records
     * {@code "task done"}, {@code "task failed"} or {@code "task interrupted"}.
     *
     * @param action what the task does
     */
    public void addScriptedTask(Action action) {
        var unused = addTask(() -> {
            journal.recordScripted(name, "task");
            try {
                action.run(this);
            } catch (InterruptedException interrupted) {
                journal.recordScripted(name, "task interrupted");
                throw interrupted;
            } catch (Exception | Error failed) {
                journal.recordScripted(name, "task failed");
                throw failed;
            }
            journal.recordScripted(name, "task done");
        });
    }

    @Override
    public void start() throws Exception {
        hook("start", "started", onStart);
    }

    @Override
    public void stop() throws Exception {
        hook("stop", "stopped", onStop);
    }

    /** Runs the drain's action, if it has one; recorded even in a simulation (no event has it). */
    void drainAsScripted() throws Exception {
        Action action = onDrain;
        if (action == null) {
            return;
        }
        journal.record(name, "drain");
        try {
            action.run(this);
        } catch (Exception | Error failed) {
            journal.record(name, "drain failed", failed);
            throw failed;
        }
        journal.record(name, "drained");
    }

    @Override
    public Dependencies dependencies() {
        return dependencies;
    }

    @Override
    public Duration gracefulShutdownTimeout() {
        return timeout;
    }

    private void hook(String entered, String returned, Action action) throws Exception {
        journal.recordScripted(name, entered);
        try {
            action.run(this);
        } catch (Exception | Error failed) {
            journal.recordScripted(name, entered + " failed");
            throw failed;
        }
        journal.recordScripted(name, returned);
    }

    /** The name given at creation: facet names the service by it. */
    @Override
    public String toString() {
        return name;
    }

    /** One made by {@link #named}: its {@code drain()} runs the action {@link #onDrain} set. */
    private static final class Draining extends ScriptedService implements Drainable {

        Draining(String name, Journal journal) {
            super(name, journal);
        }

        @Override
        public void drain() throws Exception {
            drainAsScripted();
        }
    }
}
