package facet.engine.lifecycle;

import facet.api.Drainable;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.jfr.FailureText;
import facet.engine.jfr.FlightRecorderState;
import facet.engine.jfr.HookRecording;
import facet.engine.work.Job;
import facet.engine.work.Worker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@code start()} or {@code stop()} of one life, as a worker runs it: the listener hears it
 * begin and end, and its life hears, in a transition, that it returned.
 */
final class HookJob extends Job implements Function<Transition, @Nullable Void> {

    final ServiceLife life;
    final Hook hook;
    /** What comes before this {@code stop()}: mostly nothing. */
    private final Drains drains;
    /** What the hook threw: written by the worker, read by the transition that reports it. */
    private @Nullable Throwable thrown;
    /** The engine asked for its interrupt. Under the lock. */
    private boolean interruptAsked;
    /** Whether users' listeners hear this hook: read once as it begins, on its strand. */
    private boolean publishing;
    /** Whether its DEBUG lines are logged: read once as it begins, on its strand. */
    private boolean debugging;
    /**
     * When its code began, if it waited in the queue or for its drains: written on its strand,
     * read by the transition its strand makes as the code returns.
     */
    private long begunAt = ServiceLife.NEVER;
    /**
     * For a timeout's message, what a stop's strand does before {@code stop()}: the life it
     * drains, or whether it waits for a drain another stop began. Written on its strand, only
     * when there are drains; read under the lock by a deadline.
     */
    private volatile @Nullable ServiceLife draining;
    private volatile boolean waitingForDrains;

    HookJob(ServiceLife life, Hook hook) {
        this(life, hook, Drains.NONE);
    }

    /** A {@code stop()} that {@code drains} come before, on its strand. */
    HookJob(ServiceLife life, Hook hook, Drains drains) {
        super((hook == Hook.START ? "facet-start-" : "facet-stop-") + life.name,
                hook == Hook.START ? Kind.START : Kind.STOP, life.orchestrator.workers);
        this.life = life;
        this.hook = hook;
        this.drains = drains;
    }

    /**
     * Where a stop's strand is, if it has not called {@code stop()} yet but is under way: in a
     * drain, or waiting for one another stop began; {@code null} otherwise. For a timeout's
     * message, which would otherwise say {@code in stop()}.
     */
    @Nullable String beforeStop() {
        ServiceLife drained = draining;
        if (drained != null) {
            return drained == life ? "in drain()" : "in drain() of " + drained.name;
        }
        return waitingForDrains ? "waiting for a drain of its tree that another stop began"
                : null;
    }

    /**
     * Asks for its interrupt, under the lock.
     *
     * @return {@code false} if it was asked for already: it is told and done once
     */
    boolean askInterrupt() {
        if (interruptAsked) {
            return false;
        }
        interruptAsked = true;
        return true;
    }

    @Override
    protected void aboutToBegin(boolean queued) {
        if (queued) { // else it begins as the transition that called it ends: its time holds
            begunAt = life.orchestrator.backend.timestamp();
        }
    }

    @Override
    protected void begun(boolean queued) {
        if (drains.none()) {
            announce();
        } // else after the drains: the events say when stop() itself is called
    }

    /** Tells the listeners, the log and the users' that the hook is about to be called. */
    private void announce() {
        EngineEvents events = life.orchestrator.events;
        if (events.listening()) {
            events.tell(new EngineEvent.Began(life.service, hook));
        }
        debugging = events.debugging();
        if (debugging) { // here, as it is called: the engine's order, told true
            events.debug(hook == Hook.START ? this::startingLine : this::stoppingLine);
        }
        publishing = events.publishing();
        if (publishing) {
            events.publish(HookNews.began(life, hook));
        }
    }

    @Override
    protected void call() throws Exception {
        callHook(drains.none() ? null : drain());
    }

    /**
     * The drains of its tree under way elsewhere awaited, each of its own run, whatever failed,
     * then the announcement of the {@code stop()}: the first failure, the others under it, fails
     * the stop after {@code stop()} ran. A drain the deadline interrupted leaves the interrupt
     * set for what follows: the stop is late already.
     */
    private @Nullable Throwable drain() {
        if (drains.waitsElsewhere()) {
            waitingForDrains = true;
            drains.awaitUnderWayElsewhere();
            waitingForDrains = false;
        }
        Throwable failed = null;
        for (ServiceLife drained : drains.own()) {
            draining = drained;
            try {
                ((Drainable) drained.service).drain();
            } catch (Throwable failure) {
                if (failure instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failed == null) {
                    failed = failure;
                } else {
                    carry(failed, failure);
                }
            }
        }
        draining = null;
        drains.end();
        // stop() begins later than its call, now: the report's time counts from here
        begunAt = life.orchestrator.backend.timestamp();
        announce();
        return failed;
    }

    /** The hook, told and recorded; a drain that failed before it fails it too. */
    private void callHook(@Nullable Throwable drainFailed) throws Exception {
        EngineEvents events = life.orchestrator.events;
        boolean listening = events.listening();
        HookRecording recording = FlightRecorderState.initialized()
                ? HookRecording.begin(hook == Hook.START, life.name) : null;
        if (!listening && !publishing && recording == null && !debugging) {
            invoke(drainFailed);
            return;
        }
        long began = publishing ? life.orchestrator.backend.nanoTime() : 0;
        try {
            invoke(drainFailed);
        } catch (Throwable failed) {
            if (recording != null) {
                recording.end(failed);
            }
            ended(events, listening, began, failed);
            throw Failures.checked(failed);
        }
        if (recording != null) {
            recording.end(null);
        }
        ended(events, listening, began, null);
    }

    /** Tells the log, the engine's listener and the users' that the hook returned, or threw. */
    private void ended(EngineEvents events, boolean listening, long began,
            @Nullable Throwable failed) {
        if (debugging) {
            events.debug(() -> life.name + (failed != null
                    ? (hook == Hook.START ? " failed to start: " : " failed to stop: ")
                            + FailureText.of(failed)
                    : hook == Hook.START ? " started" : " stopped"));
        }
        if (listening) {
            events.tell(HookNews.endedForTheEngine(life, hook, failed));
        }
        if (publishing) {
            Duration took = Duration.ofNanos(
                    Math.max(0, life.orchestrator.backend.nanoTime() - began));
            events.publish(HookNews.ended(life, hook, took, failed));
        }
    }

    private String startingLine() {
        return "starting " + life.name;
    }

    private String stoppingLine() {
        return "stopping " + life.name;
    }

    /** The hook; a drain that failed before it fails it too, under the hook's own failure. */
    private void invoke(@Nullable Throwable drainFailed) throws Exception {
        if (drainFailed == null) { // every hook but a stop after a failed drain: nothing to add
            invoke();
            return;
        }
        try {
            invoke();
        } catch (Throwable hookFailed) {
            carry(hookFailed, drainFailed);
            throw Failures.checked(hookFailed);
        }
        throw Failures.checked(drainFailed);
    }

    private void invoke() throws Exception {
        if (hook == Hook.START) {
            life.service.start();
        } else {
            life.service.stop();
        }
    }

    /** {@code other} suppressed under {@code primary}; logged if it refuses to carry it. */
    private void carry(Throwable primary, Throwable other) {
        if (!Failures.suppress(primary, other)) {
            life.orchestrator.events.log(Level.WARNING, life.service, life.name
                    + ": a drain before its stop failed, and the stop's failure refuses"
                    + " suppression, so this is logged here", other);
        }
    }

    @Override
    protected void returned(@Nullable Throwable failure, long order, @Nullable Worker reporter) {
        drains.end(); // ended already, unless the job never ran: no stop waits for it forever
        thrown = failure;
        life.orchestrator.transact(reporter, order, this);
    }

    /** The transition that reports the return. */
    @Override
    public @Nullable Void apply(Transition transition) {
        Throwable failed = thrown;
        if (failed != null) {
            Failures.place(failed, life, hook == Hook.START ? "start" : "stop", transition);
        }
        if (hook == Hook.START) {
            transition.reportsStartOf(life);
            life.start.startReturned(thrown, begunAt, transition);
        } else {
            life.stop().stopReturned(thrown, begunAt, transition);
        }
        return null;
    }
}
