/**
 * The cold start: fresh JVMs that start and stop the same 20 services once, facet beside Guava's
 * {@code ServiceManager} and a plain loop, launched interleaved by {@link
 * facet.benchmarks.coldstart.ColdStart}. JMH measures a warm JVM; this is what a user meets at
 * every launch.
 */
@NullMarked
package facet.benchmarks.coldstart;

import org.jspecify.annotations.NullMarked;
