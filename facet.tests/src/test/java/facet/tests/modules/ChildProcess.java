package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM a test signals and reads: its output goes to files read as they grow, its standard
 * input is the test's to write, and it is killed when closed.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    /**
     * Starts {@code java} with {@code arguments}, in an {@code env} that restores the default
     * SIGINT and SIGTERM: a child of a process that ignores SIGINT (CI, nohup) would ignore it too.
     *
     * @param work where its output files go
     * @param name the prefix of their names
     */
    ChildProcess(Path work, String name, List<String> arguments) throws IOException {
        out = Files.createTempFile(work, name, ".out");
        err = Files.createTempFile(work, name, ".err");
        var command = new ArrayList<String>(List.of("env", "--default-signal=INT,TERM"));
        command.addAll(ChildJvms.java(arguments.toArray(String[]::new)));
        process = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    List<String> lines() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8).lines().toList();
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Writes {@code line} to its standard input. */
    void tell(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Polls the output (a file) until the line is there. */
    void awaitLine(String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!lines().contains(line)) {
            assertThat(process.isAlive()).as("alive, waiting for " + line + ": " + lines()
                    + err()).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + line + ": " + lines())
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    int awaitExit() throws Exception {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited: " + lines() + err())
                .isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
