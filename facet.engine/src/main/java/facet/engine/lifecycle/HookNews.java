package facet.engine.lifecycle;

import facet.api.LifecycleEvent;
import facet.engine.event.EngineEvent;
import facet.engine.event.EngineEvent.Hook;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The events a hook's begin and end make for the users' listeners and the engine's. Apart from
 * {@link HookJob} on purpose: the JVM's verifier loads every class whose instances a method's
 * branches merge, at the link of the method's class, so in {@code HookJob} these event classes
 * were loaded at every launch, listened to or not (ten classes of the cold start).
 */
final class HookNews {

    private HookNews() {}

    /** {@code Starting} or {@code Stopping}. */
    static LifecycleEvent began(ServiceLife life, Hook hook) {
        return hook == Hook.START ? new LifecycleEvent.Starting(life.service, life.name)
                : new LifecycleEvent.Stopping(life.service, life.name);
    }

    /** {@code Started}, {@code StartFailed}, {@code Stopped} or {@code StopFailed}. */
    static LifecycleEvent ended(ServiceLife life, Hook hook, Duration took,
            @Nullable Throwable failed) {
        if (hook == Hook.START) {
            return failed == null ? new LifecycleEvent.Started(life.service, life.name, took)
                    : new LifecycleEvent.StartFailed(life.service, life.name, took, failed);
        }
        return failed == null ? new LifecycleEvent.Stopped(life.service, life.name, took)
                : new LifecycleEvent.StopFailed(life.service, life.name, took, failed);
    }

    /** {@code Returned} or {@code Threw}, for the engine's listener. */
    static EngineEvent endedForTheEngine(ServiceLife life, Hook hook, @Nullable Throwable failed) {
        return failed == null ? new EngineEvent.Returned(life.service, hook)
                : new EngineEvent.Threw(life.service, hook, failed);
    }
}
