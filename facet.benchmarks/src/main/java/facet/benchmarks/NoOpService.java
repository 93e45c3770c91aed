package facet.benchmarks;

import facet.api.Dependencies;
import facet.api.Service;

/**
 * A service whose hooks do nothing: what W1 and the cold start measure is the manager alone.
 */
public final class NoOpService implements Service {

    private final int id;
    private Dependencies dependencies = Dependencies.none();

    /**
     * A service named {@code s<id>}, with no dependencies until {@link #dependOn} says.
     *
     * @param id its number, for its name
     */
    public NoOpService(int id) {
        this.id = id;
    }

    /**
     * Declares its dependencies, before it is started.
     *
     * @param declared its dependencies
     */
    public void dependOn(Dependencies declared) {
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
