package facet.executor.threads;

import facet.engine.spi.Strand;
import facet.engine.spi.SystemTimeBackend;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs strands on pooled platform threads: daemon threads, so a stuck hook never keeps the JVM
 * alive, renamed for each strand they run ({@code facet-stop-Cache}) and {@code facet-idle}
 * between. Idle threads end after a minute. Priority 100: virtual threads win when both are
 * present, unless {@code facet.backend=threads}.
 */
public final class PlatformThreadBackend extends SystemTimeBackend {

    private static final String IDLE = "facet-idle";

    private @Nullable ThreadPoolExecutor pool;

    /** For {@link java.util.ServiceLoader}: makes no thread until the first fork. */
    public PlatformThreadBackend() {}

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Strand fork(String name, Runnable body) {
        var strand = new PooledStrand(name, body);
        pool().execute(strand);
        return strand;
    }

    private synchronized ThreadPoolExecutor pool() {
        var existing = pool;
        if (existing != null) {
            return existing;
        }
        var created = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), body -> {
                    var thread = new Thread(body, IDLE);
                    thread.setDaemon(true);
                    return thread;
                });
        pool = created;
        return created;
    }

    /**
     * One strand on a pooled thread. An interrupt reaches the thread only while it runs this
     * strand's body; one that comes before the body starts is delivered when it does; one that
     * lands as the body ends is cleared before the thread runs anything else.
     */
    private static final class PooledStrand implements Strand, Runnable {
        private final String name;
        private final Runnable body;
        private @Nullable Thread runner;
        private boolean finished;
        private boolean interruptPending;

        PooledStrand(String name, Runnable body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public void run() {
            Thread self = Thread.currentThread();
            self.setName(name);
            synchronized (this) {
                runner = self;
                if (interruptPending) {
                    self.interrupt();
                }
            }
            try {
                body.run();
            } finally {
                synchronized (this) {
                    runner = null;
                    finished = true;
                }
                boolean unused = Thread.interrupted(); // clear one meant for this body
                self.setName(IDLE);
            }
        }

        @Override
        public synchronized void interrupt() {
            if (runner != null) {
                runner.interrupt();
            } else if (!finished) {
                interruptPending = true;
            }
        }

        @Override
        public StackTraceElement[] stackTrace() {
            Thread current;
            synchronized (this) {
                current = runner;
            }
            return current == null ? new StackTraceElement[0] : current.getStackTrace();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
