package facet.engine;

import facet.engine.spi.Strand;
import facet.engine.spi.SystemTimeBackend;

/** Platform threads, one per strand: enough for a test of the engine alone. */
public final class ThreadPerStrand extends SystemTimeBackend {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Strand fork(String name, Runnable body) {
        Thread thread = Thread.ofPlatform().daemon().name(name).start(body);
        return new Strand() {
            @Override
            public void interrupt() {
                thread.interrupt();
            }

            @Override
            public StackTraceElement[] stackTrace() {
                return thread.getStackTrace();
            }
        };
    }
}
