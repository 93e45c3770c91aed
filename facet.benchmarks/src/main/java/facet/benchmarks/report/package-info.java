/**
 * Turns the benchmark results into the tables of {@code BENCHMARKS.md} and the scaling plot.
 */
@NullMarked
package facet.benchmarks.report;

import org.jspecify.annotations.NullMarked;
