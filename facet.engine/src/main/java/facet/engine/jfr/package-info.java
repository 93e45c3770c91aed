/**
 * The engine's JDK Flight Recorder events, category {@code facet}: {@code dev.facet.ServiceStart}
 * and {@code dev.facet.ServiceStop} around each hook, {@code dev.facet.TaskFailure} and
 * {@code dev.facet.StopAbandoned} as they happen. Free when no recording runs: an event of a
 * class no recording enabled is never filled in, and the JIT removes its allocation.
 *
 * <p>Not exported: a recording reads them by name. Depends on {@code jdk.jfr} only.
 */
@NullMarked
package facet.engine.jfr;

import org.jspecify.annotations.NullMarked;
