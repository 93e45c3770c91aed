package facet.benchmarks;

import facet.api.Dependencies;
import facet.api.Service;

/** A service whose {@code start()} blocks for a fixed time, as one that opens a connection. */
final class Sleeper implements Service {

    private final int id;
    private final long startMillis;
    private Dependencies dependencies = Dependencies.none();

    Sleeper(int id, long startMillis) {
        this.id = id;
        this.startMillis = startMillis;
    }

    void dependOn(Dependencies declared) {
        dependencies = declared;
    }

    @Override
    public void start() throws InterruptedException {
        Thread.sleep(startMillis);
    }

    @Override
    public Dependencies dependencies() {
        return dependencies;
    }

    @Override
    public String toString() {
        return "sleeper" + id;
    }
}
