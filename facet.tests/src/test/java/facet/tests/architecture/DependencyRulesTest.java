package facet.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noConstructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What each module's production classes may depend on (the README's module table). */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class DependencyRulesTest {

    @Test
    void apiDependsOnTheJdkAndJSpecifyOnly() {
        classes().that().resideInAPackage("facet.api..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("facet.api..", "java..", "org.jspecify.annotations..")
                .because("a user requires facet.api and nothing else: it must not drag in the"
                        + " engine, a backend or any library (JSpecify's annotations are"
                        + " 'requires static')")
                .check(ProductionClasses.get());
    }

    @Test
    void engineNeverDependsOnAnExecutor() {
        noClasses().that().resideInAPackage("facet.engine..")
                .should().dependOnClassesThat().resideInAPackage("facet.executor..")
                .because("the engine finds its backend through the ExecutionBackend SPI and"
                        + " ServiceLoader; swapping backends is swapping a jar")
                .check(ProductionClasses.get());
    }

    @Test
    void executorsDependOnTheSpiOnly() {
        classes().that().resideInAPackage("facet.executor..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("facet.executor..", "facet.engine.spi..", "facet.api..",
                        "java..", "org.jspecify..")
                .because("a backend implements the exported SPI (facet.engine.spi); the engine's"
                        + " internals are not exported and may change under it")
                .check(ProductionClasses.get());
    }

    @Test
    void executorsDoNotDependOnEachOther() {
        slices().matching("facet.executor.(*)..")
                .should().notDependOnEachOther()
                .because("each backend is a jar of its own, present or not independently of the"
                        + " other")
                .check(ProductionClasses.get());
    }

    @Test
    void apiPackagesNeverReferenceInternalPackages() {
        noClasses().that()
                .resideInAnyPackage("facet.api..", "facet.engine.spi..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(ProductionClasses.ENGINE_INTERNALS)
                .orShould().dependOnClassesThat().resideInAPackage("facet.executor..")
                .because("facet.api, facet.api.spi and facet.engine.spi are the public API;"
                        + " the engine's other packages and the executors are not exported, so"
                        + " no type of theirs may appear in (or be needed by) the API")
                .check(ProductionClasses.get());
    }

    @Test
    void theJUnitIntegrationUsesOnlyTheApiTheTestkitAndJUnit() {
        classes().that().resideInAPackage("facet.junit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("facet.junit..",
                        "facet.api..", "facet.testkit..", "org.junit..", "org.jspecify..",
                        "java..")
                .because("a bridge depends on what it bridges: the JUnit module is a user of the"
                        + " testkit and of JUnit's extension API, not of the engine")
                .check(ProductionClasses.get());
    }

    @Test
    void theMicrometerBridgeUsesOnlyTheApiAndMicrometer() {
        classes().that().resideInAPackage("facet.micrometer..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("facet.micrometer..",
                        "facet.api..", "io.micrometer.core.instrument..", "org.jspecify..",
                        "java..")
                .because("a bridge depends on what it bridges: the metrics hear facet through"
                        + " Facet.addListener, like any user, and record into Micrometer's meter"
                        + " API, never the engine nor a registry implementation")
                .check(ProductionClasses.get());
    }

    @Test
    void theHealthEndpointUsesOnlyTheApiAndTheJdksHttpServer() {
        classes().that().resideInAPackage("facet.health..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("facet.health..",
                        "facet.api..", "com.sun.net.httpserver..", "org.jspecify..", "java..")
                .because("facet.health requires facet.api and jdk.httpserver only: it sees the"
                        + " engine through the API, and brings no HTTP or JSON library")
                .check(ProductionClasses.get());
    }

    @Test
    void theTestkitNeverDependsOnAnExecutor() {
        noClasses().that().resideInAPackage("facet.testkit..")
                .should().dependOnClassesThat().resideInAPackage("facet.executor..")
                .because("the testkit brings its own deterministic backend")
                .check(ProductionClasses.get());
    }

    /**
     * The testkit drives the engine itself (facet.engine and facet.engine.event are exported to
     * it alone), but none of the engine's types may show in what the testkit offers: users
     * cannot reach them.
     */
    @Test
    void theTestkitsPublicSignaturesShowNoEngineType() {
        var engineType = com.tngtech.archunit.core.domain.JavaClass.Predicates
                .resideInAnyPackage(ProductionClasses.ENGINE_INTERNALS);
        noMethods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("facet.testkit..")
                .should().haveRawReturnType(engineType)
                .orShould(com.tngtech.archunit.lang.conditions.ArchConditions
                        .haveRawParameterTypes(com.tngtech.archunit.base.DescribedPredicate
                                .describe("an engine type", parameters -> parameters.stream()
                                        .anyMatch(engineType))))
                .because("facet.engine is not exported to users: a public testkit method must"
                        + " not take or return one of its types")
                .check(ProductionClasses.get());
        noConstructors().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("facet.testkit..")
                .should(com.tngtech.archunit.lang.conditions.ArchConditions.haveRawParameterTypes(
                        com.tngtech.archunit.base.DescribedPredicate.describe("an engine type",
                                parameters -> parameters.stream().anyMatch(engineType))))
                .because("facet.engine is not exported to users")
                .check(ProductionClasses.get());
    }

    @Test
    void noLoggingLibraryButSystemLogger() {
        noClasses()
                .should().dependOnClassesThat()
                .resideInAnyPackage(
                        "org.slf4j..",
                        "org.apache.logging..",
                        "org.apache.log4j..",
                        "org.apache.commons.logging..",
                        "java.util.logging..",
                        "ch.qos.logback..",
                        "org.jboss.logging..",
                        "org.tinylog..",
                        "com.google.common.flogger..")
                .because("logging goes through System.Logger (\"facet\"): no logging library is"
                        + " forced on users, and System.Logger follows whichever one they bind")
                .check(ProductionClasses.get());
    }
}
