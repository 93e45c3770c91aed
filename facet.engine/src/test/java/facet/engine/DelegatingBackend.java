package facet.engine;

import facet.engine.spi.Alarm;
import facet.engine.spi.ExecutionBackend;
import facet.engine.spi.Latch;
import facet.engine.spi.Strand;
import java.time.Instant;

/**
 * {@link ThreadPerStrand}, for a test to change one thing of: override the call it is about.
 */
public class DelegatingBackend implements ExecutionBackend {

    protected final ExecutionBackend delegate = new ThreadPerStrand();

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int priority() {
        return delegate.priority();
    }

    @Override
    public Strand fork(String name, Runnable body) {
        return delegate.fork(name, body);
    }

    @Override
    public Alarm schedule(long deadline, Runnable action) {
        return delegate.schedule(deadline, action);
    }

    @Override
    public long nanoTime() {
        return delegate.nanoTime();
    }

    @Override
    public Instant instant() {
        return delegate.instant();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        delegate.sleep(nanos);
    }

    @Override
    public Latch newLatch() {
        return delegate.newLatch();
    }
}
