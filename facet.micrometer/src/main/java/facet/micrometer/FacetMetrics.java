package facet.micrometer;

import facet.api.Facet;
import facet.api.LifecycleEvent;
import facet.api.LifecycleListener;
import facet.api.Service;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Facet's lifecycle as Micrometer meters: bound to a {@link MeterRegistry}, it hears every
 * {@link LifecycleEvent} through {@link Facet#addListener(LifecycleListener)} and records it.
 *
 * {@snippet file=facet/micrometer/FacetMetricsSnippets.java region=bind}
 *
 * <p>It is a {@link MeterBinder}: a framework that binds the binders it finds (Spring Boot binds
 * every {@code MeterBinder} bean) needs only an instance of it, and closes it with its context.
 *
 * <table class="striped">
 *   <caption>The meters</caption>
 *   <thead>
 *     <tr><th>name</th><th>type</th><th>tags</th><th>what it records</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@code facet.service.start}</td><td>timer</td><td>{@code service}, {@code outcome}
 *         ({@code started} or {@code failed})</td>
 *         <td>each {@code start()}: how long it ran</td></tr>
 *     <tr><td>{@code facet.service.stop}</td><td>timer</td><td>{@code service}, {@code outcome}
 *         ({@code stopped} or {@code failed})</td>
 *         <td>each {@code stop()}: how long it ran</td></tr>
 *     <tr><td>{@code facet.task.failures}</td><td>counter</td><td>{@code service}</td>
 *         <td>the tasks that failed (a task cancelled by its service's stop did not)</td></tr>
 *     <tr><td>{@code facet.services.running}</td><td>gauge</td><td></td>
 *         <td>the services started and not yet stopping</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>The tag {@code service} is the service's {@linkplain LifecycleEvent#name() name}, as in
 * facet's messages: services of one name share their meters. The outcomes are the words of
 * facet's flight recorder events. The durations are the events' own, on facet's clock.
 *
 * <p>The gauge counts what this binder saw: a service enters it when its {@code start()} returns
 * and leaves it when its {@code stop()} is about to be called, by identity. A service already
 * running when it was first bound is not counted, and its stop takes nothing away, so the gauge
 * is never negative; its stop is timed all the same.
 *
 * <p>Its life:
 * <ul>
 *   <li>The first {@link #bindTo(MeterRegistry)} adds one listener to facet; each registry
 *       bound gets its own meters, and each event is recorded in every registry bound at that
 *       moment. Binding a registry again does nothing. Bind one instance per registry: two
 *       would record each event twice in the same timers and counter.
 *   <li>{@link #close()} removes the listener, and the gauge reads {@code NaN} from then on, as
 *       a Micrometer gauge whose object is gone: it no longer knows. The meters stay in their
 *       registries with what they recorded. An event already being told as it closes may still
 *       be recorded. Closing again does nothing.
 *   <li>A closed instance cannot be bound again: make a new one.
 * </ul>
 *
 * <p>The listener is quick, as facet asks: a look-up of the meter in the registry and one
 * record per event, on the thread that runs the hook. Bound from a hook or task inside a test's
 * simulation, it hears that simulation only, as {@link Facet#addListener} does.
 */
public final class FacetMetrics implements MeterBinder, AutoCloseable {

    private static final String START = "facet.service.start";
    private static final String START_DESCRIPTION = "How long each service's start() ran";
    private static final String STOP = "facet.service.stop";
    private static final String STOP_DESCRIPTION = "How long each service's stop() ran";
    private static final String TASK_FAILURES = "facet.task.failures";
    private static final String RUNNING = "facet.services.running";

    // the outcomes, as in facet's flight recorder events
    private static final String STARTED = "started";
    private static final String STOPPED = "stopped";
    private static final String FAILED = "failed";

    private final Object lock = new Object();

    // read by the listener without the lock; written under it
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    // services started and not yet stopping, by identity (equals is the services' own);
    // guarded by itself
    private final Set<Service> running = Collections.newSetFromMap(new IdentityHashMap<>());

    // guarded by lock
    private LifecycleListener.@Nullable Registration registration;

    // written under lock; read by the gauge without it
    private volatile boolean closed;

    /** Makes a binder that records nothing until it is bound. */
    public FacetMetrics() {}

    /**
     * Registers the gauge in {@code registry}, and records every lifecycle event there from now
     * on; the first call adds the listener to facet. The timers and the counter appear with the
     * first event that tags them.
     *
     * @param registry where the meters go
     * @throws IllegalStateException if this binder is closed, or if facet finds no engine (no
     *     backend jar: see {@link Facet})
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(
                        "this FacetMetrics is closed: bind a new one instead");
            }
            if (isBound(registry)) {
                return;
            }
            if (registration == null) {
                registration = Facet.addListener(this::record);
            }
            Gauge.builder(RUNNING, this, FacetMetrics::runningServices)
                    .description("Services started and not yet stopping, seen since bound")
                    .strongReference(true)
                    .register(registry);
            registries.add(registry);
        }
    }

    /**
     * Removes the listener from facet: nothing is recorded from then on, and the gauge reads
     * {@code NaN}. The meters stay in their registries. Closing again does nothing.
     */
    @Override
    public void close() {
        LifecycleListener.Registration added;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            added = registration;
            registration = null;
            // an event already being told records nowhere from now on
            registries.clear();
        }
        // the gauge reads NaN from now on: let go of services that stop unseen
        synchronized (running) {
            running.clear();
        }
        if (added != null) {
            added.close();
        }
    }

    // a registry is one by identity, whatever its equals says, as a service is to facet
    @SuppressWarnings("ReferenceEquality")
    private boolean isBound(MeterRegistry registry) {
        for (MeterRegistry bound : registries) {
            if (bound == registry) {
                return true;
            }
        }
        return false;
    }

    /** Called by facet on the thread that runs the hook, often on several at once. */
    private void record(LifecycleEvent event) {
        switch (event) {
            case LifecycleEvent.Started started -> {
                synchronized (running) {
                    running.add(started.service());
                }
                time(START, START_DESCRIPTION, started.name(), STARTED, started.duration());
            }
            case LifecycleEvent.StartFailed failed ->
                    time(START, START_DESCRIPTION, failed.name(), FAILED, failed.duration());
            case LifecycleEvent.Stopping stopping -> {
                synchronized (running) {
                    running.remove(stopping.service());
                }
            }
            case LifecycleEvent.Stopped stopped ->
                    time(STOP, STOP_DESCRIPTION, stopped.name(), STOPPED, stopped.duration());
            case LifecycleEvent.StopFailed failed ->
                    time(STOP, STOP_DESCRIPTION, failed.name(), FAILED, failed.duration());
            case LifecycleEvent.TaskFailed failed -> countTaskFailure(failed.name());
            // the events that end a hook carry its time; an abandoned stop is timed when its
            // stop() returns, if it does
            case LifecycleEvent.Starting starting -> { }
            case LifecycleEvent.StopAbandoned abandoned -> { }
        }
    }

    // Micrometer's register() returns the meter already registered under that name and those
    // tags: one map look-up per event, and no cache here that could outlive a registry.
    private void time(String timer, String description, String service, String outcome,
            Duration duration) {
        for (MeterRegistry registry : registries) {
            Timer.builder(timer)
                    .description(description)
                    .tag("service", service)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(duration);
        }
    }

    private void countTaskFailure(String service) {
        for (MeterRegistry registry : registries) {
            Counter.builder(TASK_FAILURES)
                    .description("Tasks of each service that failed (not by cancellation)")
                    .tag("service", service)
                    .register(registry)
                    .increment();
        }
    }

    private double runningServices() {
        if (closed) {
            return Double.NaN;
        }
        synchronized (running) {
            return running.size();
        }
    }
}
