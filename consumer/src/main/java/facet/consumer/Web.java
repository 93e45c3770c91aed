package facet.consumer;

import facet.api.Dependencies;
import facet.api.Service;

/**
 * The root: a front end over the cache and the database. The database is reached twice
 * (through the cache too), so facet starts it once and stops it last.
 */
final class Web implements Service {

    private final Events events;
    private final Database db;
    private final Cache cache;

    /**
     * The whole application: web over a cache over a database, and over the database itself.
     *
     * @param events where every service records its hooks
     */
    Web(Events events) {
        this.events = events;
        this.db = new Database(events);
        this.cache = new Cache(db, events);
    }

    @Override
    public Dependencies dependencies() {
        // two steps: the cache starts once the database runs
        return Dependencies.of(db).then(cache);
    }

    @Override
    public void start() {
        events.record(this, "start");
    }

    @Override
    public void stop() {
        events.record(this, "stop");
    }

    /**
     * The shared database.
     *
     * @return the database
     */
    Database db() {
        return db;
    }

    /**
     * The cache.
     *
     * @return the cache
     */
    Cache cache() {
        return cache;
    }

    @Override
    public String toString() {
        return "web";
    }
}
