package facet.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.CountDownLatch;

/**
 * Runs every example, one after another, each under a header saying what it shows; then ends.
 *
 * <p>{@link RunExample} runs until Ctrl-C, which would end this JVM too. Here the Ctrl-C is
 * simulated: once "a started" is printed, the thread blocked in {@code run()} is interrupted.
 * The engine then stops A, then B, and {@code run()} throws {@link InterruptedException}. (A
 * real Ctrl-C goes through the JVM's shutdown hook instead; run {@code RunExample} alone to see
 * it.)
 */
public final class Examples {

    private static final String[] NO_ARGUMENTS = {};

    private Examples() {}

    /** An example to run: a {@link Runnable} that may throw. */
    @FunctionalInterface
    private interface Example {
        void run() throws Exception;
    }

    /**
     * Runs the examples.
     *
     * @param args ignored
     * @throws Exception the failure of an example that did not do what it shows
     */
    public static void main(String[] args) throws Exception {
        show(1, "RunExample", "new A().run(): B starts before A; Ctrl-C stops A before B",
                Examples::runUntilCtrlC);
        show(2, "StartExample", "try (var running = Facet.start(new A())): the same, as a block",
                () -> StartExample.main(NO_ARGUMENTS));
        show(3, "TaskExample", "addTask(...): start() returns, the task goes on",
                () -> TaskExample.main(NO_ARGUMENTS));
        show(4, "StepsExample", "dependencies one after the other, together, and mixed",
                () -> StepsExample.main(NO_ARGUMENTS));
        show(5, "CrashExample", "a failing background task stops the whole stack, in order",
                () -> CrashExample.main(NO_ARGUMENTS));
        show(6, "TimeoutExample", "a stop stuck past gracefulShutdownTimeout()",
                () -> TimeoutExample.main(NO_ARGUMENTS));
        show(7, "ReportExample", "the graph drawn, then what its start and stop took",
                () -> ReportExample.main(NO_ARGUMENTS));
        System.out.println();
        System.out.println("All examples done.");
    }

    private static void show(int number, String name, String shows, Example example)
            throws Exception {
        if (number > 1) {
            System.out.println();
        }
        System.out.println("=== " + number + ". " + name + ": " + shows);
        example.run();
    }

    /**
     * Runs {@link RunExample}'s {@code new A().run()}, and presses Ctrl-C once "a started" is
     * printed.
     */
    private static void runUntilCtrlC() throws Exception {
        var aStarted = new CountDownLatch(1);
        PrintStream console = System.out;
        System.setOut(new PrintStream(new LineWatch(console, "a started", aStarted), true,
                console.charset()));
        Thread runner = Thread.currentThread();
        Thread.ofPlatform().daemon().name("ctrl-c").start(() -> {
            try {
                aStarted.await();
            } catch (InterruptedException notNeeded) {
                return;
            }
            System.out.println("^C");
            runner.interrupt();
        });
        try {
            new RunExample.A().run();
            throw new IllegalStateException("run() returned before Ctrl-C");
        } catch (InterruptedException ctrlC) {
            // reported below, once the stop is over
        } finally {
            System.setOut(console);
        }
        // run() keeps the interrupt status, as it should: clear it, or the next example would
        // be interrupted at once
        if (!Thread.interrupted()) {
            throw new IllegalStateException("run() did not keep the interrupt status");
        }
        System.out.println("run() threw InterruptedException");
    }

    /** Passes everything on to {@code console}, and opens {@code seen} once {@code line} is. */
    private static final class LineWatch extends OutputStream {

        private final PrintStream console;
        private final String line;
        private final CountDownLatch seen;
        private final Charset charset;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        LineWatch(PrintStream console, String line, CountDownLatch seen) {
            this.console = console;
            this.line = line;
            this.seen = seen;
            this.charset = console.charset();
        }

        // called under the lock of the PrintStream wrapping it: one line at a time
        @Override
        public void write(int b) {
            console.write(b);
            if (b == '\n') {
                if (current.toString(charset).strip().equals(line)) {
                    seen.countDown();
                }
                current.reset();
            } else {
                current.write(b);
            }
        }

        @Override
        public void flush() {
            console.flush();
        }
    }
}
