package facet.tests.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/** What the engine logs (the {@code facet} logger) while this is open: for tests of logging. */
final class CapturedLogs implements AutoCloseable {

    private final Logger logger = Logger.getLogger("facet");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // JUL finds the source lazily, from the stack of whoever asks: ask here, on the
            // thread that logged
            var unused = record.getSourceClassName();
            synchronized (records) {
                records.add(record);
                records.notifyAll();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private final @Nullable Level levelBefore;
    private final boolean debug;

    CapturedLogs() {
        this(false);
    }

    private CapturedLogs(boolean debug) {
        this.debug = debug;
        levelBefore = logger.getLevel();
        if (debug) {
            logger.setLevel(Level.FINE); // System.Logger's DEBUG
        }
        logger.addHandler(handler);
    }

    /** Captures DEBUG too, raising the logger to it until closed. */
    static CapturedLogs withDebug() {
        return new CapturedLogs(true);
    }

    /** The messages logged at {@code level} so far, in order. */
    List<String> messagesAt(Level level) {
        return at(level).stream().map(LogRecord::getMessage).toList();
    }

    /** The records logged at {@code level} so far, in order. */
    List<LogRecord> at(Level level) {
        synchronized (records) {
            return records.stream().filter(record -> level.equals(record.getLevel())).toList();
        }
    }

    /** Waits for the first record that {@code matches}, logged before or after this call. */
    LogRecord await(Predicate<LogRecord> matches, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (true) {
                for (LogRecord record : records) {
                    if (matches.test(record)) {
                        return record;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no such record after " + timeout);
                }
                records.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits, at most ten seconds, for the first record that carries {@code thrown}. */
    LogRecord awaitThrown(Throwable thrown) throws InterruptedException, TimeoutException {
        return await(record -> thrown.equals(record.getThrown()), Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        if (debug) {
            logger.setLevel(levelBefore);
        }
    }
}
