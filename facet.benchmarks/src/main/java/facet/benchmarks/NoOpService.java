package facet.benchmarks;

import facet.api.Dependencies;
import facet.api.Service;

/** A service whose hooks do nothing: what W1 measures is the manager alone. */
final class NoOpService implements Service {

    private final int id;
    private Dependencies dependencies = Dependencies.none();

    NoOpService(int id) {
        this.id = id;
    }

    void dependOn(Dependencies declared) {
        dependencies = declared;
    }

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public Dependencies dependencies() {
        return dependencies;
    }

    @Override
    public String toString() {
        return "s" + id;
    }
}
