package facet.engine.spi;

import java.time.Instant;

/**
 * Runs the engine's strands (hooks, tasks, timers) and owns its time.
 *
 * <p>The engine never creates a thread, sleeps, parks or reads the system clock itself: it
 * calls this interface, so a backend decides what a strand is (a platform thread, a virtual
 * thread, a thread that runs only when a scheduler hands it the baton) and what time it is.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} and need a public
 * no-argument constructor that does no work: threads are created on first use. With several
 * present, the system property {@code facet.backend} names the one to use, else the one with the
 * highest {@link #priority()} wins. All methods must be safe to call from any thread.
 *
 * <p>Scheduling points: {@link #fork}, {@link #schedule}, {@link #nanoTime()},
 * {@link #instant()}, {@link #sleep(long)}, {@link Alarm#cancel()}, {@link Strand#interrupt()}
 * and the methods of {@link Latch} may hand control to another strand; the engine never calls
 * them while it holds its own lock.
 * {@link #newLatch()} and {@link Strand#stackTrace()} must return at once without scheduling:
 * the engine may call them under its lock.
 *
 * {@snippet file=facet/engine/spi/ExecutionBackendSnippets.java region=implement}
 */
public interface ExecutionBackend {

    /**
     * The name the property {@code facet.backend} selects this backend by.
     *
     * @return a short lower-case name, such as {@code virtual} or {@code threads}
     */
    String name();

    /**
     * The rank of this backend when several are present and no property names one.
     *
     * @return higher wins: {@code threads} is 100, {@code virtual} 200
     */
    int priority();

    /**
     * Starts {@code body} on a new strand, at once.
     *
     * @param name the name of the strand, such as {@code facet-start-Database}; a backend on
     *     threads names the thread so
     * @param body the work; it must not throw
     * @return the running strand
     */
    Strand fork(String name, Runnable body);

    /**
     * Runs {@code action} on a strand of the backend once {@link #nanoTime()} reaches
     * {@code deadline}, unless cancelled first.
     *
     * @param deadline the time to run at, on the scale of {@link #nanoTime()}
     * @param action the work; it must be short and must not throw
     * @return a handle to cancel it
     */
    Alarm schedule(long deadline, Runnable action);

    /**
     * The current time, in nanoseconds from an arbitrary origin; only differences matter.
     *
     * @return the time
     */
    long nanoTime();

    /**
     * The same clock as {@link #nanoTime()}, read to measure, never to decide: unlike
     * {@link #nanoTime()} it is no scheduling point, so the engine may read it between a
     * worker's taking a job and its code's beginning (to time a hook for
     * {@code Running.report()}) without giving a scheduler a new place to switch strands.
     *
     * <p>A backend on real threads keeps this default. A backend whose {@link #nanoTime()} is a
     * scheduling point overrides it with a plain read of its time.
     *
     * @return the time, on the scale of {@link #nanoTime()}
     */
    default long timestamp() {
        return nanoTime();
    }

    /**
     * The current instant of the wall clock: what {@code facet.api.Facet.clock()} tells code that
     * runs on a strand of this backend.
     *
     * <p>A backend on real threads keeps this default, the system clock. A backend that owns
     * time (whose {@link #nanoTime()} is not {@link System#nanoTime()}) overrides it with a clock
     * that moves with its own time, so that a run that reads the date is as repeatable as one
     * that measures a timeout.
     *
     * @return the instant
     */
    default Instant instant() {
        return Instant.now();
    }

    /**
     * Blocks the calling strand for {@code nanos} of this backend's time: what
     * {@code facet.api.Facet.sleep} does on a strand of an engine on this backend.
     *
     * <p>The default waits on a {@linkplain #newLatch() latch} that nobody opens until
     * {@link #nanoTime()} reaches {@code nanoTime() + nanos}, which is right for any backend;
     * one may do it more directly.
     *
     * @param nanos how long; zero or less only lets other strands run
     * @throws InterruptedException if the strand is interrupted meanwhile; the interrupt status
     *     is then clear
     */
    default void sleep(long nanos) throws InterruptedException {
        long now = nanoTime();
        long deadline = now + Math.max(0, nanos);
        newLatch().await(deadline < now ? Long.MAX_VALUE : deadline);
    }

    /**
     * A new closed latch, for a caller that must wait until something happens.
     *
     * @return the latch
     */
    Latch newLatch();
}
