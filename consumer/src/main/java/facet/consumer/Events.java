package facet.consumer;

import facet.api.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * What the application's hooks and tasks did, in order, and on which thread: the evidence
 * {@link Main} and the tests check. Safe to use from any thread.
 */
final class Events {

    /**
     * One hook or task, as it began.
     *
     * @param service the service's name
     * @param kind {@code start}, {@code stop} or {@code task}
     * @param thread the name of the thread it ran on
     * @param virtual whether that thread is virtual
     */
    record Event(String service, String kind, String thread, boolean virtual) {}

    private final List<Event> events = new ArrayList<>();

    /**
     * Records that a hook or task of {@code service} runs on the calling thread.
     *
     * @param service the service
     * @param kind {@code start}, {@code stop} or {@code task}
     */
    synchronized void record(Service service, String kind) {
        Thread thread = Thread.currentThread();
        events.add(new Event(service.toString(), kind, thread.getName(), thread.isVirtual()));
    }

    /**
     * Everything recorded so far.
     *
     * @return the events, in the order they were recorded
     */
    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    /**
     * The services that ran a hook or task of one kind, in order.
     *
     * @param kind {@code start}, {@code stop} or {@code task}
     * @return their names
     */
    List<String> services(String kind) {
        return all().stream().filter(event -> event.kind().equals(kind)).map(Event::service)
                .toList();
    }
}
