package facet.consumer;

import facet.api.Service;
import java.util.Map;

/** The shared service: an in-memory table, open while the service runs. */
final class Database implements Service {

    private final Events events;
    private volatile Map<String, String> rows = Map.of();

    Database(Events events) {
        this.events = events;
    }

    @Override
    public void start() {
        events.record(this, "start");
        rows = Map.of("greeting", "hello", "farewell", "goodbye");
    }

    @Override
    public void stop() {
        events.record(this, "stop");
        rows = Map.of();
    }

    /**
     * The whole table.
     *
     * @return every row; none unless running
     */
    Map<String, String> rows() {
        return rows;
    }

    @Override
    public String toString() {
        return "db";
    }
}
