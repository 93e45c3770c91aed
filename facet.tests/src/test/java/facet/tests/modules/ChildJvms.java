package facet.tests.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * User programs compiled at test time against the facet.api jar, and the JVMs that run them.
 * The jars' paths come from the pom ({@code path.<artifact>} system properties).
 */
final class ChildJvms {

    private ChildJvms() {}

    static String path(String artifact) {
        String path = System.getProperty("path." + artifact);
        assertThat(path).as("path of " + artifact + ", set by the pom").isNotBlank();
        return path;
    }

    /** {@code classes} then the artifacts' jars, as a module path or class path. */
    static String pathOf(Path classes, String... artifacts) {
        var entries = new ArrayList<String>();
        entries.add(classes.toString());
        for (String artifact : artifacts) {
            entries.add(path(artifact));
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Compiles a module whose sources are given by relative file name, against facet.api and
     * the {@code modules} named (their artifacts, as {@link #pathOf} names them).
     *
     * @return the directory of the compiled module
     */
    static Path compile(Path work, Map<String, String> sources, String... modules)
            throws IOException {
        Path sourceRoot = work.resolve("src");
        var files = new ArrayList<String>();
        for (var source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        Path classes = work.resolve("classes");
        var compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("the tests run on a JDK").isNotNull();
        var arguments = new ArrayList<>(List.of("--release", "21",
                "--module-path", pathOf(Path.of(path("facet.api")), modules)
                        + File.pathSeparator + path("jspecify"),
                "-d", classes.toString()));
        arguments.addAll(files);
        assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new)))
                .as("javac status").isZero();
        return classes;
    }

    /**
     * The source of {@code <pkg>.Main}, a program that starts {@code api}, which depends on
     * {@code db}, and closes it: the smallest stack whose events a test can watch.
     */
    static String apiOnDbMain(String pkg) {
        return """
                package %s;

                import facet.api.Dependencies;
                import facet.api.Facet;
                import facet.api.Service;

                public final class Main {
                    record Named(String name, Dependencies dependencies) implements Service {
                        @Override
                        public String toString() {
                            return name;
                        }
                    }

                    public static void main(String[] args) throws Exception {
                        var db = new Named("db", Dependencies.none());
                        Facet.start(new Named("api", Dependencies.of(db))).close();
                    }
                }
                """.formatted(pkg);
    }

    /** The java of the JVM running the tests (the build's JDK 21+), then the arguments. */
    static List<String> java(String... arguments) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** What a child JVM printed and how it ended. */
    record Outcome(int status, String out, String err) {}

    /** Runs a child JVM to its end, within a minute. */
    static Outcome run(Path work, List<String> command) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
            return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
