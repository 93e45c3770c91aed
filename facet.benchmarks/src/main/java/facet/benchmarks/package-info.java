/**
 * JMH benchmarks of facet beside Guava's {@code ServiceManager} and the floor (the same hooks
 * called by a plain loop), and the memory probe. See {@code BENCHMARKS.md} at the repository's
 * root for the workloads, the results and the command that reruns them.
 */
@NullMarked
package facet.benchmarks;

import org.jspecify.annotations.NullMarked;
