package facet.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What a user gets from each published jar: the module descriptor kept in
 * {@code src/test/resources/descriptors} (so an export or a {@code requires} cannot change by
 * accident), a manifest that says what it is, the license, a {@code -sources} and a
 * {@code -javadoc} jar beside it, and a place in the BOM at the project's version. The jars'
 * paths come from the pom, so this runs on the packaged jars ({@code ./mvnw verify}).
 */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class PublishedModulesTest {

    static final List<String> PUBLISHED = List.of("facet.api", "facet.engine",
            "facet.executor.threads", "facet.executor.virtual", "facet.testkit", "facet.junit",
            "facet.micrometer", "facet.health");

    private static final String VERSION = System.getProperty("facet.version", "unknown");

    @ParameterizedTest
    @FieldSource("PUBLISHED")
    void theModuleDescriptorIsTheOneKeptInTheRepository(String module) throws IOException {
        String described = describe(jar(module));
        String first = described.lines().findFirst().orElse("");
        assertThat(first).as("the descriptor's first line names the module and its version")
                .startsWith(module + "@" + VERSION + " ");
        String actual = module + described.substring(first.length()).stripTrailing() + "\n";
        Path expected = Path.of("src/test/resources/descriptors", module + ".txt");
        assertThat(actual)
                .as("jar --describe-module of %s differs from %s; if the change is deliberate,"
                        + " put this text there:%n%s", module, expected, actual)
                .isEqualTo(Files.readString(expected).stripTrailing() + "\n");
    }

    @ParameterizedTest
    @FieldSource("PUBLISHED")
    void theJarSaysWhatItIsAndCarriesTheLicense(String module) throws IOException {
        try (var jar = new JarFile(jar(module).toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            assertThat(attributes.getValue("Implementation-Title")).isEqualTo(module);
            assertThat(attributes.getValue("Implementation-Version")).isEqualTo(VERSION);
            var license = jar.getJarEntry("META-INF/LICENSE");
            assertThat(license).as("META-INF/LICENSE in %s", module).isNotNull();
            assertThat(new String(jar.getInputStream(license).readAllBytes(),
                    StandardCharsets.UTF_8)).startsWith("MIT License");
        }
    }

    @ParameterizedTest
    @FieldSource("PUBLISHED")
    void sourcesAndJavadocJarsLieBesideTheJar(String module) throws IOException {
        Path jar = jar(module);
        String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        try (var sources = new JarFile(jar.resolveSibling(base + "-sources.jar").toFile());
                var javadoc = new JarFile(jar.resolveSibling(base + "-javadoc.jar").toFile())) {
            assertThat(sources.getJarEntry("module-info.java")).isNotNull();
            assertThat(javadoc.getJarEntry(module + "/module-summary.html")).isNotNull();
        }
    }

    @Test
    void theBomListsEveryPublishedModuleAtTheProjectsVersion() throws IOException {
        String bom = Files.readString(
                Path.of(System.getProperty("facet.root", ".."), "facet-bom", "pom.xml"));
        var listed = Pattern.compile(
                        "<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(bom).results()
                .map(match -> match.group(1) + ":" + match.group(2))
                .collect(Collectors.toList());
        var expected = new ArrayList<String>();
        expected.add("facet-bom:" + VERSION);
        PUBLISHED.forEach(module -> expected.add(module + ":" + VERSION));
        assertThat(listed).as("the BOM's own coordinates, then its managed dependencies")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Path jar(String module) {
        Path path = Path.of(System.getProperty("path." + module, "(not set)"));
        assertThat(path.toString())
                .as("the packaged jar of %s (run ./mvnw verify, which packages before it tests)",
                        module)
                .endsWith(".jar");
        return path;
    }

    private static String describe(Path jar) {
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow(
                () -> new AssertionError("no jar tool in " + System.getProperty("java.home")));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = tool.run(outStream, errStream, "--describe-module", "--file", jar.toString());
        }
        assertThat(status).as("jar --describe-module --file %s: %s", jar,
                err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
