package facet.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened to a service: its {@code start()} or {@code stop()} about to be called, returned
 * or thrown, a task of it failed, or its stop abandoned past its deadline. A
 * {@link LifecycleListener} added with {@link Facet#addListener(LifecycleListener)} hears them.
 *
 * <p>Each event is told on the thread that runs the hook (for {@link Starting} and
 * {@link Stopping}, just before it; for the others, just after it), never under the engine's
 * lock, and before the engine acts on the outcome. So a service's events arrive in order, a
 * dependency's {@link Started} comes before its dependent's {@link Starting}, and a dependent's
 * {@link Stopped} or {@link StopFailed} before its dependency's {@link Stopping}. Services that
 * start or stop in parallel are told in parallel, on their own threads.
 *
 * {@snippet file=facet/api/LifecycleEventSnippets.java region=startTimes}
 */
public sealed interface LifecycleEvent {

    /**
     * The service the event is about.
     *
     * @return the service
     */
    Service service();

    /**
     * The service's readable name, as in facet's messages: its {@code toString()}, or its class
     * and identity if that fails.
     *
     * @return the name
     */
    String name();

    /**
     * Its {@code start()} is about to be called.
     *
     * @param service the service
     * @param name its name
     */
    record Starting(Service service, String name) implements LifecycleEvent {
        /** Checks that no component is {@code null}. */
        public Starting {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Its {@code start()} returned.
     *
     * @param service the service
     * @param name its name
     * @param duration how long {@code start()} ran, on facet's clock
     */
    record Started(Service service, String name, Duration duration) implements LifecycleEvent {
        /** Checks that no component is {@code null}. */
        public Started {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * Its {@code start()} threw (an interrupted start included).
     *
     * @param service the service
     * @param name its name
     * @param duration how long {@code start()} ran, on facet's clock
     * @param failure what it threw, the same instance the caller of the start may get
     */
    record StartFailed(Service service, String name, Duration duration, Throwable failure)
            implements LifecycleEvent {
        /** Checks that no component is {@code null}. */
        public StartFailed {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * Its {@code stop()} is about to be called.
     *
     * @param service the service
     * @param name its name
     */
    record Stopping(Service service, String name) implements LifecycleEvent {
        /** Checks that no component is {@code null}. */
        public Stopping {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Its {@code stop()} returned.
     *
     * @param service the service
     * @param name its name
     * @param duration how long {@code stop()} ran, on facet's clock
     */
    record Stopped(Service service, String name, Duration duration) implements LifecycleEvent {
        /** Checks that no component is {@code null}. */
        public Stopped {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * Its {@code stop()} threw.
     *
     * @param service the service
     * @param name its name
     * @param duration how long {@code stop()} ran, on facet's clock
     * @param failure what it threw, the same instance the caller of the stop may get
     */
    record StopFailed(Service service, String name, Duration duration, Throwable failure)
            implements LifecycleEvent {
        /** Checks that no component is {@code null}. */
        public StopFailed {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * A task of it threw; told on the task's thread, before the engine acts on the failure. A
     * task that ends because the engine cancelled it (its service stops) is not a failure, and is
     * not told.
     *
     * @param service the service that added the task
     * @param name its name
     * @param failure what the task threw
     */
    record TaskFailed(Service service, String name, Throwable failure) implements LifecycleEvent {
        /** Checks that no component is {@code null}. */
        public TaskFailed {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * The graceful shutdown timeout passed while it was still stopping: whoever waits for the
     * stop goes on without it, and what is stuck is interrupted. Told once per service, on the
     * thread that ends the wait, not under the engine's lock.
     *
     * @param service the service
     * @param name its name
     * @param stack where its stuck code was at that moment (its {@code stop()}, its
     *     {@code start()} being cut short, or a task); empty if none of its code was running
     */
    // an array, as Thread.getStackTrace() gives it: copied in and out; equals() compares it
    // by identity, as records compare arrays
    @SuppressWarnings("ArrayRecordComponent")
    record StopAbandoned(Service service, String name, StackTraceElement[] stack)
            implements LifecycleEvent {
        /** Checks that no component is {@code null}, and keeps a copy of the stack. */
        public StopAbandoned {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            stack = stack.clone();
        }

        /**
         * Where its stuck code was.
         *
         * @return a copy of the stack, the innermost frame first
         */
        @Override
        public StackTraceElement[] stack() {
            return stack.clone();
        }
    }
}
