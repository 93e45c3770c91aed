package facet.engine.jfr;

import jdk.jfr.Event;
import org.jspecify.annotations.Nullable;

/**
 * The recording of one {@code start()} or {@code stop()}, as a {@link ServiceStartEvent} or a
 * {@link ServiceStopEvent}: begun before the hook is called, committed once it returned or threw.
 */
public final class HookRecording {

    private final Event event;

    private HookRecording(Event event) {
        this.event = event;
    }

    /**
     * Begins the recording of a hook about to be called, if a recording wants it.
     *
     * @param start {@code true} for {@code start()}, {@code false} for {@code stop()}
     * @param service the service's name
     * @return the recording, or {@code null} if no recording enabled the event
     */
    public static @Nullable HookRecording begin(boolean start, String service) {
        Event event;
        if (start) {
            var starting = new ServiceStartEvent();
            if (!starting.isEnabled()) {
                return null;
            }
            starting.service = service;
            event = starting;
        } else {
            var stopping = new ServiceStopEvent();
            if (!stopping.isEnabled()) {
                return null;
            }
            stopping.service = service;
            event = stopping;
        }
        event.begin();
        return new HookRecording(event);
    }

    /**
     * Ends the recording: the hook returned, or threw {@code failure}.
     *
     * @param failure what it threw; {@code null} if it returned
     */
    public void end(@Nullable Throwable failure) {
        event.end();
        if (!event.shouldCommit()) {
            return;
        }
        String text = failure == null ? "" : FailureText.of(failure);
        if (event instanceof ServiceStartEvent starting) {
            starting.outcome = failure == null ? "started" : "failed";
            starting.failure = text;
        } else if (event instanceof ServiceStopEvent stopping) {
            stopping.outcome = failure == null ? "stopped" : "failed";
            stopping.failure = text;
        }
        event.commit();
    }
}
