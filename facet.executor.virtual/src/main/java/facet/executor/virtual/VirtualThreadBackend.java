package facet.executor.virtual;

import facet.engine.spi.Strand;
import facet.engine.spi.SystemTimeBackend;

/**
 * Runs each strand on a new virtual thread, named after the service and what it does. Hooks
 * that block (I/O, sleeps, locks) cost no platform thread. Priority 200: the default when both
 * backends are present.
 */
public final class VirtualThreadBackend extends SystemTimeBackend {

    /** For {@link java.util.ServiceLoader}. */
    public VirtualThreadBackend() {}

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Strand fork(String name, Runnable body) {
        return new VirtualStrand(Thread.ofVirtual().name(name).start(body));
    }

    /** A virtual thread runs one strand only, so an interrupt can never reach other work. */
    private record VirtualStrand(Thread thread) implements Strand {

        @Override
        public void interrupt() {
            thread.interrupt();
        }

        @Override
        public StackTraceElement[] stackTrace() {
            return thread.getStackTrace();
        }
    }
}
