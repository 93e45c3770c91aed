package facet.engine;

import facet.engine.spi.Alarm;
import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.time.Instant;

/**
 * The backend of an engine that marks its strands: each strand it forks, and each alarm it runs,
 * counts as the engine's while it runs ({@link Engine#ofThisStrand()}), so that a hook's own
 * calls to {@code Facet} stay on the engine that runs the hook. The rest is the backend's.
 */
final class MarkingBackend implements ExecutionBackend {

    private final ExecutionBackend backend;
    private final Engine owner;

    MarkingBackend(ExecutionBackend backend, Engine owner) {
        this.backend = backend;
        this.owner = owner;
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public int priority() {
        return backend.priority();
    }

    @Override
    public Strand fork(String name, Runnable body) {
        return backend.fork(name, () -> owner.runOnItsStrand(body));
    }

    @Override
    public Alarm schedule(long deadline, Runnable action) {
        return backend.schedule(deadline, () -> owner.runOnItsStrand(action));
    }

    @Override
    public long nanoTime() {
        return backend.nanoTime();
    }

    @Override
    public long timestamp() {
        return backend.timestamp();
    }

    @Override
    public Instant instant() {
        return backend.instant();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        backend.sleep(nanos);
    }

    @Override
    public Latch newLatch() {
        return backend.newLatch();
    }
}
