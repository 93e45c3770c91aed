package facet.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An example running in a JVM of its own, on the module path, as a user runs it; its standard
 * output is read line by line as it comes. Every wait is bounded; {@link #close()} kills it.
 */
final class ChildJvm implements AutoCloseable {

    /** How long any one wait may take: generous, it only bounds a broken run. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Process process;
    private final Path stderr;
    /** The lines of standard output; an empty one once it ended. */
    private final BlockingQueue<Optional<String>> incoming = new LinkedBlockingQueue<>();
    private final List<String> read = new ArrayList<>();
    private boolean ended;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().name("stdout of " + process.pid()).start(this::pump);
    }

    /**
     * Starts {@code mainClass} of the module {@code facet.examples}.
     *
     * <p>With {@code defaultSignals}, through {@code env --default-signal=INT,TERM}: a process
     * started where SIGINT is ignored (CI runners, nohup, background jobs) passes that on, and
     * a JVM that inherits an ignored SIGINT never handles it.
     *
     * @param mainClass the class to run
     * @param defaultSignals whether to reset SIGINT and SIGTERM to their defaults first
     * @param directory where to keep the child's standard error
     */
    static ChildJvm start(String mainClass, boolean defaultSignals, Path directory)
            throws IOException {
        // the runtime module path of the examples, handed over by the pom
        String modulePath = System.getProperty("facet.examples.modulePath");
        if (modulePath == null) {
            throw new IllegalStateException(
                    "no system property facet.examples.modulePath: run the tests with Maven");
        }
        var command = new ArrayList<String>();
        if (defaultSignals) {
            command.addAll(List.of("env", "--default-signal=INT,TERM"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-p", modulePath, "-m", "facet.examples/" + mainClass));
        Path stderr = Files.createTempFile(directory, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ChildJvm(process, stderr);
    }

    private void pump() {
        try (var reader = process.inputReader()) {
            reader.lines().forEach(line -> incoming.add(Optional.of(line)));
        } catch (IOException | UncheckedIOException closed) {
            // the child was killed: what was read is all there is
        } finally {
            incoming.add(Optional.empty());
        }
    }

    /**
     * Reads standard output up to and including the line {@code expected}.
     *
     * @return every line read so far, from the first
     * @throws TimeoutException if the line does not come in time, or the output ends first
     */
    List<String> readUntil(String expected) throws InterruptedException, TimeoutException {
        while (!read.contains(expected)) {
            if (!readOne()) {
                throw new TimeoutException("no line \"" + expected + "\" in " + describe());
            }
        }
        return List.copyOf(read);
    }

    /** Reads one line; {@code false} if the output ended. */
    private boolean readOne() throws InterruptedException, TimeoutException {
        if (ended) {
            return false;
        }
        Optional<String> next = incoming.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new TimeoutException("no output for " + PATIENCE + " from " + describe());
        }
        next.ifPresent(read::add);
        ended = next.isEmpty();
        return !ended;
    }

    /**
     * Sends a signal to the child, as {@code kill} does from a shell.
     *
     * @param name the signal's name: {@code INT}, {@code TERM}
     */
    void signal(String name) throws IOException, InterruptedException, TimeoutException {
        // the pid is java's even through env, which execs it
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            kill.destroyForcibly();
            throw new TimeoutException("kill -" + name + " did not end");
        }
        if (kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " failed: " + kill.exitValue());
        }
    }

    /**
     * Waits until the child ends and its output is read to the end.
     *
     * @return its exit status
     */
    int awaitExit() throws InterruptedException, TimeoutException {
        if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("still running after " + PATIENCE + ": " + describe());
        }
        while (readOne()) {
            // every line up to the end
        }
        return process.exitValue();
    }

    /**
     * Every line of standard output read so far.
     *
     * @return the lines, in order
     */
    List<String> output() {
        return List.copyOf(read);
    }

    /**
     * What the child printed, for failure messages.
     *
     * @return its standard output read so far, and its standard error
     */
    String describe() {
        String errors;
        try {
            errors = Files.readString(stderr);
        } catch (IOException unreadable) {
            errors = "(unreadable: " + unreadable + ")";
        }
        return "child JVM " + process.pid() + "\n--- stdout\n" + String.join("\n", read)
                + "\n--- stderr\n" + errors;
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
