/**
 * The engine: ordering, sharing, failure propagation and timeouts, over an
 * {@link facet.engine.spi.ExecutionBackend}. This package is its front: the
 * {@link facet.engine.Engine} that {@code facet.api} reaches through
 * {@link facet.engine.EngineFacetProvider}, the choice of backend, and the JVM's shutdown.
 *
 * <p>Not exported but to {@code facet.testkit}: nothing here is API. The engine's parts, each
 * using only those below it:
 * <ul>
 *   <li>{@code facet.engine.lifecycle}: the life of each service, start and stop, and the calls
 *       that drive them; where the order is decided ({@code ServiceLife});
 *   <li>{@code facet.engine.work}: running hooks and tasks on the backend's strands;
 *   <li>{@code facet.engine.graph}: reading and checking a declared graph;
 *   <li>{@code facet.engine.event}: what happens, typed, for a listener;
 *   <li>{@code facet.engine.spi}: the backend SPI, the one exported package.
 * </ul>
 */
@NullMarked
package facet.engine;

import org.jspecify.annotations.NullMarked;
