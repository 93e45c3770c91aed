package facet.engine.lifecycle;

import facet.engine.event.EngineEvent;
import facet.engine.event.EngineEvent.Hook;
import facet.engine.work.Job;
import facet.engine.work.Worker;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@code start()} or {@code stop()} of one life, as a worker runs it: the listener hears it
 * begin and end, and its life hears, in a transition, that it returned.
 */
final class HookJob extends Job implements Function<Transition, @Nullable Void> {

    final ServiceLife life;
    final Hook hook;
    /** What the hook threw: written by the worker, read by the transition that reports it. */
    private @Nullable Throwable thrown;
    /** The engine asked for its interrupt. Under the lock. */
    private boolean interruptAsked;

    HookJob(ServiceLife life, Hook hook) {
        super((hook == Hook.START ? "facet-start-" : "facet-stop-") + life.name,
                hook == Hook.START ? Kind.START : Kind.STOP, life.orchestrator.workers);
        this.life = life;
        this.hook = hook;
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
    protected void begun() {
        EngineEvents events = life.orchestrator.events;
        if (events.listening()) {
            events.tell(new EngineEvent.Began(life.service, hook));
        }
    }

    @Override
    protected void call() throws Exception {
        EngineEvents events = life.orchestrator.events;
        if (!events.listening()) {
            invoke();
            return;
        }
        try {
            invoke();
        } catch (Throwable failed) {
            events.tell(new EngineEvent.Threw(life.service, hook, failed));
            throw Failures.checked(failed);
        }
        events.tell(new EngineEvent.Returned(life.service, hook));
    }

    private void invoke() throws Exception {
        if (hook == Hook.START) {
            life.service.start();
        } else {
            life.service.stop();
        }
    }

    @Override
    protected void returned(@Nullable Throwable failure, long order, @Nullable Worker reporter) {
        thrown = failure;
        life.orchestrator.transact(reporter, order, this);
    }

    /** The transition that reports the return. */
    @Override
    public @Nullable Void apply(Transition transition) {
        if (hook == Hook.START) {
            life.start.startReturned(thrown, transition);
        } else {
            life.stop().stopReturned(thrown, transition);
        }
        return null;
    }
}
