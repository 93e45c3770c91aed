package facet.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test method run over many seeds of the deterministic simulation: it takes a
 * {@link facet.testkit.Simulation} parameter and is called once per try, each time with the
 * simulation of the next seed, on the same test instance (make the services inside the method).
 * It is a {@link facet.testkit.Property} over {@code Simulation::seeded}, so a failing try is
 * shrunk over its schedule choices and fails the test with a
 * {@link facet.testkit.PropertyFailure}: the seed, the smallest schedule that still fails and the
 * Java that replays it.
 *
 * {@snippet file=facet/junit/SimulatedTestSnippets.java region=example}
 *
 * <p>System properties: {@code -Dfacet.simulation.seed=N} runs the one try of seed {@code N}
 * (the {@code seed} a report names) alone, with nothing shrunk, so that its own failure reaches
 * the test as it is; {@code -Dfacet.property.seed} changes the base seed of all tries and
 * {@code -Dfacet.property.tries} multiplies their number, as for any {@code Property}.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(SimulationExtension.class)
public @interface SimulatedTest {

    /**
     * How many seeds to try.
     *
     * @return the tries; 100 by default
     */
    int tries() default 100;
}
