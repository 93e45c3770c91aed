package facet.micrometer;

import facet.api.Dependencies;
import facet.api.Service;
import facet.api.Task;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

/**
 * A service of the tests: a name (the {@code service} tag), its dependencies, and hooks that do
 * what a test says. Set up before it starts; the start publishes it to the engine's threads.
 */
final class TestService implements Service {

    /** What a hook does. */
    @FunctionalInterface
    interface Hook {
        void run() throws Exception;
    }

    private final String name;
    private Dependencies dependencies = Dependencies.none();
    private Hook onStart = () -> { };
    private Hook onStop = () -> { };

    private TestService(String name) {
        this.name = name;
    }

    static TestService named(String name) {
        return new TestService(name);
    }

    TestService dependsOn(Dependencies dependencies) {
        this.dependencies = dependencies;
        return this;
    }

    TestService onStart(Hook hook) {
        this.onStart = hook;
        return this;
    }

    TestService onStop(Hook hook) {
        this.onStop = hook;
        return this;
    }

    /** Its start() adds a task that throws {@code IOException(message)} once release opens. */
    TestService startsATaskThatFails(CountDownLatch release, String message) {
        return onStart(() -> {
            Future<?> unused = addTask((Task) () -> {
                release.await();
                throw new IOException(message);
            });
        });
    }

    @Override
    public void start() throws Exception {
        onStart.run();
    }

    @Override
    public void stop() throws Exception {
        onStop.run();
    }

    @Override
    public Dependencies dependencies() {
        return dependencies;
    }

    @Override
    public String toString() {
        return name;
    }
}
