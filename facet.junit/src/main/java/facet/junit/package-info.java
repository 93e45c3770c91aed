/**
 * JUnit Jupiter integration: services started around a test, and tests run over many schedules.
 *
 * {@snippet file=facet/junit/PackageInfoSnippets.java region=example}
 *
 * <p>On a real backend, a field marked {@link facet.junit.Started} is started before the tests
 * and closed after them; a test fails if the stack crashes, a {@code stop()} fails or the stop
 * times out. Under the simulation, a {@link facet.junit.SimulatedTest} method is called once per
 * seed with a {@link facet.testkit.Simulation}; a failing seed is shrunk over its schedule and
 * reported with the line that replays it.
 *
 * <p>API status: experimental until 1.0.
 */
@NullMarked
package facet.junit;

import org.jspecify.annotations.NullMarked;
