package facet.engine;

import facet.engine.spi.Latch;

/** A backend's latch, for a test to change one thing of: override the call it is about. */
public class DelegatingLatch implements Latch {

    protected final Latch delegate;

    public DelegatingLatch(Latch delegate) {
        this.delegate = delegate;
    }

    @Override
    public void open() {
        delegate.open();
    }

    @Override
    public void await() throws InterruptedException {
        delegate.await();
    }

    @Override
    public boolean await(long deadline) throws InterruptedException {
        return delegate.await(deadline);
    }
}
