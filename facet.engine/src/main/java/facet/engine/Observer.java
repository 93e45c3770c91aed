package facet.engine;

import facet.api.Service;
import org.jspecify.annotations.Nullable;

/**
 * Hears every hook and task of an engine as it runs, and the engine's own decisions: for the
 * testkit's journal, so that the rules can be checked on any graph, a user's own services
 * included. Never called under the engine's lock.
 *
 * <p>Hooks and tasks are heard on the strand that runs them: {@code start}, {@code stop} or
 * {@code task} as the strand takes the run (before anything else happens there, an interrupt
 * asked for earlier included), then {@code started}, {@code start failed}, {@code stopped},
 * {@code stop failed}, {@code task done} or {@code task failed} as it returns or throws.
 *
 * <p>The engine's decisions are heard right after the transition that made them, before any
 * of its effects: on a deterministic backend, where one strand runs between scheduling points,
 * they are heard in the order the engine made them, between the hooks they came before and
 * after. Each is {@code "engine "} and what it decided:
 * <ul>
 *   <li>{@code engine call failed}: a start call of this root will fail with {@code failure}
 *       (a hook or task failed, or its caller gave up);
 *   <li>{@code engine crash}: a task of this service failed with {@code failure}, and its
 *       stack crashes;
 *   <li>{@code engine interrupts start()}, {@code engine interrupts stop()},
 *       {@code engine interrupts a task}: the engine interrupts that code of this service;
 *   <li>{@code engine cancels tasks}: the engine cancels the tasks this service still runs;
 *   <li>{@code engine logged <LEVEL>}: a failure no caller will throw was handed to the
 *       {@code facet} logger at that level (heard as it is logged).
 * </ul>
 */
@FunctionalInterface
public interface Observer {

    /** Hears nothing. */
    Observer NONE = (service, event, failure) -> { };

    /**
     * Something happened.
     *
     * @param service the service
     * @param event one of the events above
     * @param failure what the hook or task threw, for the {@code failed} events; the failure
     *     of a call, a crash, or a log
     */
    void event(Service service, String event, @Nullable Throwable failure);
}
