package facet.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every production package has a {@code package-info} annotated {@code @NullMarked}: NullAway
 * runs with {@code OnlyNullMarked=true}, so a package without it is not checked at all, and
 * users' checkers read our nullness from it.
 *
 * <p>Checked twice: in the bytecode of the imported jars (the annotation really is there), and
 * in the sources of every {@code facet.*} module, which also covers facet.examples and any module
 * not on this suite's class path.
 */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class PackageInfoTest {

    /** Set by facet.tests/pom.xml: the root of the project. */
    private static final String ROOT_PROPERTY = "facet.root";

    private static final String BECAUSE = "NullAway checks only @NullMarked code"
            + " (OnlyNullMarked=true), and users' nullness checkers read ours from package-info";

    private static final Pattern NULL_MARKED =
            Pattern.compile("@(org\\.jspecify\\.annotations\\.)?NullMarked\\b");
    private static final Pattern NULL_MARKED_IMPORT =
            Pattern.compile("\\bimport\\s+org\\.jspecify\\.annotations\\.(NullMarked|\\*)\\s*;");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void everyImportedPackageIsNullMarkedInTheBytecode() {
        var packages = new AbstractClassesTransformer<JavaPackage>("packages") {
            @Override
            public Iterable<JavaPackage> doTransform(JavaClasses classes) {
                return classes.stream().map(JavaClass::getPackage).distinct().toList();
            }
        };
        var nullMarked = new ArchCondition<JavaPackage>("have a package-info annotated @"
                + NullMarked.class.getName()) {
            @Override
            public void check(JavaPackage javaPackage, ConditionEvents events) {
                boolean marked = javaPackage.tryGetPackageInfo()
                        .map(info -> info.isAnnotatedWith(NullMarked.class))
                        .orElse(false);
                events.add(new SimpleConditionEvent(javaPackage, marked, "package "
                        + javaPackage.getName() + (marked ? " is" : " is not") + " @NullMarked"));
            }
        };
        all(packages).should(nullMarked).because(BECAUSE).check(ProductionClasses.get());
    }

    @Test
    void everySourcePackageHasANullMarkedPackageInfo() throws IOException {
        Path root = projectRoot();
        var packages = new TreeMap<String, Path>(); // package name -> its directory
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(PackageInfoTest::isFacetModule).toList()) {
                Path sources = module.resolve("src/main/java");
                if (Files.isDirectory(sources)) {
                    collectPackages(sources, packages);
                }
            }
        }
        assertThat(packages.keySet())
                .as("production packages found under " + root + "/facet.*/src/main/java")
                .containsAll(ProductionClasses.EXPECTED_PACKAGES)
                .contains("facet.examples");

        var problems = new ArrayList<String>();
        for (Map.Entry<String, Path> entry : packages.entrySet()) {
            String problem = checkPackageInfo(entry.getKey(), entry.getValue());
            if (problem != null) {
                problems.add(root.relativize(entry.getValue()) + ": " + problem);
            }
        }
        assertThat(problems).as(BECAUSE).isEmpty();
    }

    // ------------------------------------------------------------------ the source walk

    /** The project root: the property the pom sets, else the nearest parent with facet.api. */
    private static Path projectRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        Path root = property != null && !property.isBlank()
                ? Path.of(property).toAbsolutePath().normalize()
                : parentHolding(Path.of("").toAbsolutePath(), "facet.api");
        assertThat(root.resolve("pom.xml")).as("the project root " + root).isRegularFile();
        assertThat(root.resolve("facet.api/src/main/java")).as("the project root " + root)
                .isDirectory();
        return root;
    }

    private static Path parentHolding(Path start, String child) {
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            if (Files.isDirectory(directory.resolve(child))) {
                return directory;
            }
        }
        throw new AssertionError("no -D" + ROOT_PROPERTY + ", and no parent of " + start
                + " holds " + child);
    }

    private static boolean isFacetModule(Path directory) {
        return Files.isDirectory(directory)
                && directory.getFileName().toString().startsWith("facet.");
    }

    /** Every directory under {@code sources} holding a .java file other than module-info. */
    private static void collectPackages(Path sources, Map<String, Path> packages)
            throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Path directory = file.getParent();
                if (name.endsWith(".java") && !name.equals("module-info.java")
                        && directory != null && !directory.equals(sources)) {
                    String packageName = sources.relativize(directory).toString()
                            .replace(directory.getFileSystem().getSeparator(), ".");
                    packages.put(packageName, directory);
                }
            }
        }
    }

    /** What is wrong with the package-info of {@code packageName}, or {@code null}. */
    private static @Nullable String checkPackageInfo(String packageName, Path directory)
            throws IOException {
        Path packageInfo = directory.resolve("package-info.java");
        if (!Files.isRegularFile(packageInfo)) {
            return "no package-info.java";
        }
        String code = COMMENTS.matcher(Files.readString(packageInfo)).replaceAll(" ");
        var declaration = Pattern.compile("\\bpackage\\s+" + Pattern.quote(packageName) + "\\s*;")
                .matcher(code);
        if (!declaration.find()) {
            return "package-info.java does not declare package " + packageName;
        }
        var annotation = NULL_MARKED.matcher(code.substring(0, declaration.start()));
        if (!annotation.find()) {
            return "package-info.java does not annotate the package @NullMarked";
        }
        if (annotation.group(1) == null && !NULL_MARKED_IMPORT.matcher(code).find()) {
            return "package-info.java does not import org.jspecify.annotations.NullMarked";
        }
        return null;
    }
}
