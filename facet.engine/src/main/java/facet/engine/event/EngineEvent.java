package facet.engine.event;

import facet.api.Service;
import java.lang.System.Logger.Level;

/**
 * What happens in an engine, as its {@link EngineListener} hears it: each hook and task of a
 * service as it runs, and each decision the engine makes about one. Typed, so a listener
 * switches over them instead of reading text.
 *
 * <p>Hooks and tasks are heard on the strand that runs them: {@link Began} as the strand takes
 * the code (before anything else happens there, an interrupt asked for earlier included), then
 * {@link Returned} or {@link Threw}. The engine's decisions ({@link CallFailed}, {@link Crashed},
 * {@link Interrupting}, {@link CancellingTasks}) are heard right after the transition that made
 * them, before any of its effects: on a deterministic backend they are heard in the order the
 * engine made them, between the hooks they came before and after. {@link Logged} is heard as
 * the failure is logged.
 */
public sealed interface EngineEvent {

    /**
     * The service the event is about.
     *
     * @return the service; for {@link CallFailed}, the root of the call
     */
    Service service();

    /** Which code of a service runs: its {@code start()}, its {@code stop()}, or a task. */
    enum Hook {
        /** {@code start()}. */
        START("start()"),
        /** {@code stop()}. */
        STOP("stop()"),
        /** A background task. */
        TASK("a task");

        private final String text;

        Hook(String text) {
            this.text = text;
        }

        /** How messages name it: {@code start()}, {@code stop()}, {@code a task}. */
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * The hook or task begins on its strand.
     *
     * @param service the service
     * @param hook which code
     */
    record Began(Service service, Hook hook) implements EngineEvent {}

    /**
     * The hook or task returned.
     *
     * @param service the service
     * @param hook which code
     */
    record Returned(Service service, Hook hook) implements EngineEvent {}

    /**
     * The hook or task threw: a task's cancellation included.
     *
     * @param service the service
     * @param hook which code
     * @param failure what it threw
     */
    record Threw(Service service, Hook hook, Throwable failure) implements EngineEvent {}

    /**
     * A start call of this root will fail with {@code failure}: a hook or task failed, or its
     * caller gave up.
     *
     * @param service the root of the call
     * @param failure what the call fails with
     */
    record CallFailed(Service service, Throwable failure) implements EngineEvent {}

    /**
     * A task of this service failed with {@code failure}, and its stack crashes.
     *
     * @param service the service whose task failed
     * @param failure what the task threw
     */
    record Crashed(Service service, Throwable failure) implements EngineEvent {}

    /**
     * The engine interrupts this code of the service: a {@code start()} a failure cut short, a
     * hook or task still running at its deadline.
     *
     * @param service the service
     * @param hook which code
     */
    record Interrupting(Service service, Hook hook) implements EngineEvent {}

    /**
     * The engine cancels the tasks this service still runs: its {@code stop()} is over.
     *
     * @param service the service
     */
    record CancellingTasks(Service service) implements EngineEvent {}

    /**
     * A failure that no caller will throw was handed to the {@code facet} logger.
     *
     * @param service the service it is about
     * @param level the level it was logged at: {@code ERROR} for a crash
     * @param failure the failure
     */
    record Logged(Service service, Level level, Throwable failure) implements EngineEvent {}
}
