/**
 * The engine: ordering, sharing, failure propagation and timeouts, over an
 * {@link facet.engine.spi.ExecutionBackend}.
 *
 * <p>Not exported: nothing here is API. The design in one paragraph: the whole graph of every
 * engine lives in one {@link facet.engine.Graph} behind one lock. Every change is a
 * {@link facet.engine.Tx transition}: state changes made under the lock (cascades go through a
 * work list, never the Java stack), then effects (forks, interrupts, opening latches, logging)
 * made after it is released, so no user code and no backend scheduling point ever runs under
 * the lock. Each {@link facet.engine.Node} is one life of a service, from claim to stopped.
 */
@NullMarked
package facet.engine;

import org.jspecify.annotations.NullMarked;
