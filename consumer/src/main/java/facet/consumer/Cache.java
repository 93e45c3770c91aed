package facet.consumer;

import facet.api.Dependencies;
import facet.api.Service;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/** A cache over the database, filled by a background task that its start adds. */
final class Cache implements Service {

    private final Events events;
    private final Database db;
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private volatile Future<Integer> warmUp = CompletableFuture.completedFuture(0);

    Cache(Database db, Events events) {
        this.db = db;
        this.events = events;
    }

    @Override
    public Dependencies dependencies() {
        return Dependencies.of(db);
    }

    @Override
    public void start() {
        events.record(this, "start");
        // the start does not wait for the warm-up: a task, owned by this service, does it
        warmUp = addTask(() -> {
            events.record(this, "task");
            entries.putAll(db.rows());
            return entries.size();
        });
    }

    @Override
    public void stop() {
        // the entries stay: facet interrupts and awaits the warm-up only after this returns
        events.record(this, "stop");
    }

    /**
     * The warm-up task of the last start.
     *
     * @return its future: how many entries it cached
     */
    Future<Integer> warmUp() {
        return warmUp;
    }

    /**
     * A cached value.
     *
     * @param key the key
     * @return its value, or {@code null} if not cached (yet)
     */
    String get(String key) {
        return entries.get(key);
    }

    @Override
    public String toString() {
        return "cache";
    }
}
