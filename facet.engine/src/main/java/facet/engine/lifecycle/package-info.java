/**
 * The life of each service, from the start that claims it to the end of its stop, and the calls
 * that drive them.
 *
 * <p>Where the order is decided: {@link facet.engine.lifecycle.ServiceLife}, whose states read
 * as the lifecycle top to bottom; its start walks its steps forward, and
 * {@link facet.engine.lifecycle.ServiceStop} walks them back.
 *
 * <p>The design in one paragraph: every live service of every engine is in one table,
 * {@link facet.engine.lifecycle.LiveServices}, behind one lock. Every change is a
 * {@link facet.engine.lifecycle.Transition}: state changes made under the lock (cascades go
 * through a work list, never the Java stack), then effects (forks, interrupts, opening latches,
 * logging) made after it is released, so no user code and no backend scheduling point ever runs
 * under the lock. User code runs as jobs of {@code facet.engine.work}, which report their return
 * in a transition of their own.
 *
 * <p>The calls: {@link facet.engine.lifecycle.Orchestrator} (one per engine) makes a
 * {@link facet.engine.lifecycle.Claim} per start, which makes a
 * {@link facet.engine.lifecycle.StartCall}; its {@link facet.engine.lifecycle.Handle}'s
 * {@code close()} is a {@link facet.engine.lifecycle.CloseCall}.
 */
@NullMarked
package facet.engine.lifecycle;

import org.jspecify.annotations.NullMarked;
