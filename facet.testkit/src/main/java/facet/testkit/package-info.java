/**
 * Test support for service graphs: a deterministic backend that runs a whole graph on one seed
 * in virtual time ({@link facet.testkit.Simulation}), a checker of facet's rules over what a run
 * did ({@link facet.testkit.Invariants} over a {@link facet.testkit.Journal}), a small property
 * runner that shrinks a failure ({@link facet.testkit.Property}), generated graphs with faults
 * ({@link facet.testkit.Scenarios}), and {@link facet.testkit.ScriptedService}s whose hooks do
 * what a test says (succeed, fail, block, ignore interrupts) and record it.
 *
 * {@snippet file=facet/testkit/PackageInfoSnippets.java region=example}
 *
 * <p>API status: experimental until 1.0. For JUnit Jupiter, {@code facet.junit} builds on it.
 */
@NullMarked
package facet.testkit;

import org.jspecify.annotations.NullMarked;
