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
 *
 * <p>Why the steps of every start and stop are the lives' parts themselves (each a
 * {@link facet.engine.lifecycle.Step}), and their effects small named classes, where a lambda
 * would do: every launch that starts and stops a graph runs them, and the class of a lambda is
 * made at run time, at its first call (about 0.4 ms each in a fresh JVM, where a class read from
 * the jar takes about a third of that); with a dozen of them the JIT also compiled the JDK's
 * class writer, which the JVM then waited for at exit. {@code ColdStartClassesTest} keeps that
 * path free of them.
 */
@NullMarked
package facet.engine.lifecycle;

import org.jspecify.annotations.NullMarked;
