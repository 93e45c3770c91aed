package facet.tests.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine's parts are layers: each uses only those below it, so each can be read, tested and
 * changed without the ones above. From the top:
 *
 * <pre>
 *   front       facet.engine            the Engine the API and the testkit call; backend choice; JVM shutdown
 *   lifecycle   facet.engine.lifecycle  the life of each service, start and stop; where the order is decided
 *   work        facet.engine.work       running hooks and tasks on the backend's strands
 *   graph       facet.engine.graph      reading and checking a declared graph
 *   events      facet.engine.event      what happens, typed, for a listener
 *   recording   facet.engine.jfr        the flight recorder's events
 *   backend     facet.engine.spi        the backend SPI
 * </pre>
 *
 * The front reads a graph itself only for {@code Facet.graph}, which starts nothing.
 *
 * <p>{@link CycleRulesTest} already forbids cycles between packages; this says which way each
 * arrow may point.
 */
@Tag("process") // backend-independent: run once, in the first Surefire execution
class EngineLayersTest {

    @Test
    void eachPartOfTheEngineUsesOnlyThePartsBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("front").definedBy("facet.engine")
                .layer("lifecycle").definedBy("facet.engine.lifecycle")
                .layer("work").definedBy("facet.engine.work")
                .layer("graph").definedBy("facet.engine.graph")
                .layer("events").definedBy("facet.engine.event")
                .layer("recording").definedBy("facet.engine.jfr")
                .layer("backend").definedBy("facet.engine.spi")
                .whereLayer("front").mayNotBeAccessedByAnyLayer()
                .whereLayer("lifecycle").mayOnlyBeAccessedByLayers("front")
                .whereLayer("lifecycle").mayOnlyAccessLayers("work", "graph", "events", "recording",
                        "backend")
                .whereLayer("work").mayOnlyBeAccessedByLayers("front", "lifecycle")
                .whereLayer("work").mayOnlyAccessLayers("backend")
                .whereLayer("graph").mayOnlyBeAccessedByLayers("front", "lifecycle")
                .whereLayer("graph").mayNotAccessAnyLayer()
                .whereLayer("events").mayNotAccessAnyLayer()
                .whereLayer("recording").mayOnlyBeAccessedByLayers("lifecycle")
                .whereLayer("recording").mayNotAccessAnyLayer()
                .whereLayer("backend").mayNotAccessAnyLayer()
                .because("a part that reaches up makes a circle of the engine: nothing can then"
                        + " be understood, tested or changed alone")
                .check(ProductionClasses.get());
    }
}
