/**
 * Reading a declared graph: what a start will claim, read through the services' own methods
 * and checked (nulls, cycles, timeouts) before anything starts, with no lock held.
 *
 * <p>Depends on {@code facet.api} only. {@link facet.engine.graph.IdentityTable} is the map by
 * identity the engine keeps its services in.
 */
@NullMarked
package facet.engine.graph;

import org.jspecify.annotations.NullMarked;
