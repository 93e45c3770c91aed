package facet.engine;

import facet.api.Dependencies;
import facet.api.Service;
import java.time.Duration;

/** A service with no hooks: a name, a timeout and dependencies, for tests of the engine alone. */
public final class NamedService implements Service {

    private final String name;
    private final Duration timeout;
    private final Dependencies dependencies;

    /** A service with no dependencies and a ten-second timeout, named {@code name}. */
    public static NamedService named(String name) {
        return new NamedService(name, Duration.ofSeconds(10), Dependencies.none());
    }

    /**
     * A service named {@code name}, with that timeout and those dependencies.
     *
     * @param name what {@code toString()} returns
     * @param timeout its graceful shutdown timeout
     * @param dependencies what it depends on
     */
    public NamedService(String name, Duration timeout, Dependencies dependencies) {
        this.name = name;
        this.timeout = timeout;
        this.dependencies = dependencies;
    }

    @Override
    public Dependencies dependencies() {
        return dependencies;
    }

    @Override
    public Duration gracefulShutdownTimeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return name;
    }
}
