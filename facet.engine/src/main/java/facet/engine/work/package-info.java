/**
 * Running user code on the backend's strands: a {@link facet.engine.work.Job} is one run of a
 * hook or task, a {@link facet.engine.work.Worker} is a strand that runs jobs one after another,
 * the {@link facet.engine.work.WorkerPool} hands jobs to workers and forks spares, and the
 * {@link facet.engine.work.FailureGate} holds back new starts while a failure is on its way.
 *
 * <p>Knows nothing of services or their lifecycle: a job is told that its code returned, and
 * decides what follows. Depends on {@code facet.engine.spi} only.
 */
@NullMarked
package facet.engine.work;

import org.jspecify.annotations.NullMarked;
