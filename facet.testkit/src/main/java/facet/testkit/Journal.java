package facet.testkit;

import facet.api.spi.ServiceNames;
import facet.engine.event.EngineEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What scripted services did, in the order it happened; safe to use from any thread.
 *
 * <p>An entry is a service name and an event ({@code start}, {@code started}, {@code stop},
 * ...), plus the thread it happened on. Tests wait for an entry with {@link #await}, or for a
 * condition over several with {@link #awaitUntil}, instead of sleeping.
 */
public final class Journal {

    /**
     * One thing that happened.
     *
     * @param index its position in the journal, from 0
     * @param time when: virtual nanoseconds in a {@link Simulation}, else real nanoseconds
     *     since the journal was made
     * @param service the name of the service
     * @param event what happened, as text: {@code start}, {@code engine call failed}, ...
     * @param kind what happened, typed: the engine's events and the caller's calls each have a
     *     kind; anything else a test recorded is {@link EntryKind#OTHER}
     * @param thread the name of the thread it happened on
     * @param virtual whether that thread was virtual
     * @param failure what was thrown, for the events that say something failed or threw
     */
    public record Entry(int index, long time, String service, String event, EntryKind kind,
            String thread, boolean virtual, @Nullable Throwable failure) {

        /** {@code "service event"}, as in {@link Journal#lines()}. */
        @Override
        public String toString() {
            return service + " " + event;
        }

        /** Equal when all is equal, the failure by its class and message: runs compare. */
        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Entry that && index == that.index && time == that.time
                    && virtual == that.virtual && service.equals(that.service)
                    && event.equals(that.event) && kind == that.kind
                    && thread.equals(that.thread)
                    && String.valueOf(failure).equals(String.valueOf(that.failure));
        }

        @Override
        public int hashCode() {
            return Objects.hash(index, time, service, event, kind, thread, virtual,
                    String.valueOf(failure));
        }
    }

    /**
     * The kinds of event a journal holds ({@link Entry#kind()}), each with its text
     * ({@link Entry#event()}). The engine's decisions are recorded in a {@link Simulation}
     * right after the decision, in the order the engine made them; their text starts with
     * {@code engine}.
     */
    public enum EntryKind {
        /** {@code start()} was called. */
        START("start"),
        /** {@code start()} returned. */
        STARTED("started"),
        /** {@code start()} threw. */
        START_FAILED("start failed"),
        /** {@code stop()} was called. */
        STOP("stop"),
        /** {@code stop()} returned. */
        STOPPED("stopped"),
        /** {@code stop()} threw. */
        STOP_FAILED("stop failed"),
        /** A task began. */
        TASK("task"),
        /** A task returned. */
        TASK_DONE("task done"),
        /** A task threw (its cancellation included). */
        TASK_FAILED("task failed"),
        /** {@code drain()} was called (a scripted service with a drain action). */
        DRAIN("drain"),
        /** {@code drain()} returned. */
        DRAINED("drained"),
        /** {@code drain()} threw. */
        DRAIN_FAILED("drain failed"),
        /** The engine decided that a start call of this root fails, with the failure. */
        CALL_FAILED("engine call failed"),
        /** A task of this service failed, with the failure: the engine crashes its stack. */
        CRASH("engine crash"),
        /** The engine interrupts this service's {@code start()}. */
        INTERRUPTS_START("engine interrupts start()"),
        /** The engine interrupts this service's {@code stop()}. */
        INTERRUPTS_STOP("engine interrupts stop()"),
        /** The engine interrupts a task of this service. */
        INTERRUPTS_TASK("engine interrupts a task"),
        /** The engine cancels the tasks this service still runs. */
        CANCELS_TASKS("engine cancels tasks"),
        /** The engine logged a failure no caller throws at ERROR: a crash. */
        LOGGED_ERROR("engine logged ERROR"),
        /** The engine logged a failure no caller throws at another level (in the text). */
        LOGGED("engine logged "),
        /** The scenario called facet ({@code caller start}, {@code caller close threw}, ...). */
        CALLER("caller "),
        /** Anything else a test recorded. */
        OTHER("");

        private final String event;

        EntryKind(String event) {
            this.event = event;
        }

        /**
         * Whether the engine decided it: a decision, not a hook or task it ran.
         *
         * @return {@code true} for the kinds whose text starts with {@code engine}
         */
        public boolean engine() {
            return compareTo(CALL_FAILED) >= 0 && compareTo(LOGGED) <= 0;
        }

        /** The kind of a text a test recorded itself. */
        static EntryKind of(String event) {
            for (EntryKind kind : values()) {
                boolean prefix = kind == LOGGED || kind == CALLER;
                if (kind != OTHER && (prefix ? event.startsWith(kind.event)
                        : event.equals(kind.event))) {
                    return kind;
                }
            }
            return OTHER;
        }

        /** The kind of what the engine told, read from its type. */
        static EntryKind of(EngineEvent event) {
            return switch (event) {
                case EngineEvent.Began began -> switch (began.hook()) {
                    case START -> START;
                    case STOP -> STOP;
                    case TASK -> TASK;
                };
                case EngineEvent.Returned returned -> switch (returned.hook()) {
                    case START -> STARTED;
                    case STOP -> STOPPED;
                    case TASK -> TASK_DONE;
                };
                case EngineEvent.Threw threw -> switch (threw.hook()) {
                    case START -> START_FAILED;
                    case STOP -> STOP_FAILED;
                    case TASK -> TASK_FAILED;
                };
                case EngineEvent.CallFailed unused -> CALL_FAILED;
                case EngineEvent.Crashed unused -> CRASH;
                case EngineEvent.Interrupting interrupting -> switch (interrupting.hook()) {
                    case START -> INTERRUPTS_START;
                    case STOP -> INTERRUPTS_STOP;
                    case TASK -> INTERRUPTS_TASK;
                };
                case EngineEvent.CancellingTasks unused -> CANCELS_TASKS;
                case EngineEvent.Logged logged ->
                        logged.level() == System.Logger.Level.ERROR ? LOGGED_ERROR : LOGGED;
            };
        }

        /** What the failure of an event of the engine is, if it has one. */
        static @Nullable Throwable failureOf(EngineEvent event) {
            return switch (event) {
                case EngineEvent.Threw threw -> threw.failure();
                case EngineEvent.CallFailed failed -> failed.failure();
                case EngineEvent.Crashed crashed -> crashed.failure();
                case EngineEvent.Logged logged -> logged.failure();
                case EngineEvent.Began unused -> null;
                case EngineEvent.Returned unused -> null;
                case EngineEvent.Interrupting unused -> null;
                case EngineEvent.CancellingTasks unused -> null;
            };
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    /** For each entry, every throwable its failure reached as it was recorded. */
    private final List<Set<Throwable>> reached = new ArrayList<>();
    private final long created = System.nanoTime();
    /** Whether an entry was recorded off any simulation, in real time. */
    private boolean realTime;
    /**
     * Set once a {@link Simulation} records the engine's events here: those include every hook
     * and task of a scripted service, so the service's own records would say each twice.
     */
    private volatile boolean fedByEngine;

    /** An empty journal. */
    public Journal() {}

    void feedFromEngine() {
        fedByEngine = true;
    }

    /** What a {@link ScriptedService} records of its own hooks and tasks, unless an engine does. */
    void recordScripted(String service, String event) {
        if (!fedByEngine) {
            record(service, event);
        }
    }

    /**
     * Records that {@code service} did {@code event}, on the current thread.
     *
     * @param service the name of the service
     * @param event what happened
     */
    public void record(String service, String event) {
        record(service, event, null);
    }

    /**
     * Records that {@code service} did {@code event}, which threw {@code failure}.
     *
     * @param service the name of the service
     * @param event what happened
     * @param failure what was thrown, or {@code null}
     */
    public void record(String service, String event, @Nullable Throwable failure) {
        record(service, event, EntryKind.of(event), failure);
    }

    /**
     * Records what the engine of a {@link Simulation} told: typed, so the kind is read from the
     * event, not from its text.
     */
    void record(EngineEvent event) {
        EntryKind kind = EntryKind.of(event);
        String text = event instanceof EngineEvent.Logged logged
                ? kind.event + (kind == EntryKind.LOGGED ? logged.level().getName() : "")
                : kind.event;
        record(ServiceNames.name(event.service()), text, kind, EntryKind.failureOf(event));
    }

    private synchronized void record(String service, String event, EntryKind kind,
            @Nullable Throwable failure) {
        Thread current = Thread.currentThread();
        SimulatedBackend simulation = Simulation.backendOfCurrentThread();
        long time = simulation != null
                ? simulation.currentTime() - SimulatedBackend.EPOCH
                : System.nanoTime() - created;
        realTime |= simulation == null;
        entries.add(new Entry(entries.size(), time, service, event, kind, current.getName(),
                current.isVirtual(), failure));
        reached.add(reachable(failure));
        notifyAll();
    }

    /**
     * Every throwable that the failure of entry {@code index} reached when it was recorded: the
     * failure itself, what it suppressed and caused, and so on. A failure attached later, once
     * a caller had what was thrown, did not reach that caller.
     *
     * @param index the entry's index
     * @return the throwables, by identity; empty if the entry has no failure
     */
    synchronized Set<Throwable> reachedAt(int index) {
        return reached.get(index);
    }

    private static Set<Throwable> reachable(@Nullable Throwable failure) {
        if (failure == null) {
            return Set.of();
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var pending = new ArrayDeque<Throwable>();
        pending.add(failure);
        for (Throwable next = pending.poll(); next != null; next = pending.poll()) {
            if (seen.add(next)) {
                pending.addAll(List.of(next.getSuppressed()));
                Throwable cause = next.getCause();
                if (cause != null) {
                    pending.add(cause);
                }
            }
        }
        return Collections.unmodifiableSet(seen);
    }

    /**
     * Everything recorded so far.
     *
     * @return a copy, in order
     */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Everything recorded so far, as {@code "service event"} lines.
     *
     * @return a copy, in order
     */
    public synchronized List<String> lines() {
        return entries.stream().map(Entry::toString).toList();
    }

    /**
     * Where {@code service} first did {@code event}.
     *
     * @param service the name of the service
     * @param event what happened
     * @return its index, or {@code -1} if it did not happen
     */
    public synchronized int indexOf(String service, String event) {
        for (Entry entry : entries) {
            if (entry.service().equals(service) && entry.event().equals(event)) {
                return entry.index();
            }
        }
        return -1;
    }

    /**
     * Whether every entry was recorded inside a simulation, so that their times are virtual: the
     * rules' timing checks hold only then (real time on a loaded machine stretches anything).
     */
    synchronized boolean inVirtualTime() {
        return !realTime;
    }

    /**
     * How many times {@code service} did {@code event}.
     *
     * @param service the name of the service
     * @param event what happened
     * @return the count
     */
    public synchronized int count(String service, String event) {
        int count = 0;
        for (Entry entry : entries) {
            if (entry.service().equals(service) && entry.event().equals(event)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Waits until {@code service} has done {@code event}.
     *
     * @param service the name of the service
     * @param event what happened
     * @param timeout how long to wait at most
     * @return the first such entry
     * @throws TimeoutException if it did not happen in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public synchronized Entry await(String service, String event, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int index = indexOf(service, event);
            if (index >= 0) {
                return entries.get(index);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(
                        "no \"" + service + " " + event + "\" after " + timeout + "; journal: "
                                + lines());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * Waits until the journal satisfies {@code condition}, checked at once and again after each
     * new entry: for what no single entry says, such as "every service that started has
     * stopped".
     *
     * {@snippet file=facet/testkit/JournalSnippets.java region=awaitUntil}
     *
     * @param condition what must hold; it may read this journal, and must not wait
     * @param timeout how long to wait at most
     * @throws TimeoutException if it did not hold in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public synchronized void awaitUntil(Predicate<? super Journal> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(
                        "condition not met after " + timeout + "; journal: " + lines());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public synchronized String toString() {
        return lines().toString();
    }
}
