package facet.testkit;

import java.util.concurrent.TimeUnit;

/**
 * Watches a simulation from a platform thread of its own: a baton holder that blocks outside
 * the backend (its thread parked or blocked, not running) for longer than the limit fails the
 * run with that thread's stack. A holder that computes (runnable) is left to the step budget.
 */
final class Watchdog {

    private static final long PERIOD_MILLIS = 20;

    private Watchdog() {}

    static void watch(SimulatedBackend backend, long limitNanos) {
        Thread.ofPlatform().daemon().name("facet-simulation-watchdog").start(() -> {
            while (backend.failure() == null && !backend.isFinished()) {
                SimulatedBackend.SimStrand holder = backend.holderFor(limitNanos);
                if (holder != null && isBlocked(holder.thread)) {
                    backend.failAbandoning(SimulationException.watchdog(holder,
                            TimeUnit.NANOSECONDS.toMillis(limitNanos), backend));
                    return;
                }
                try {
                    Thread.sleep(PERIOD_MILLIS); // a poll of real time: the watchdog's job
                } catch (InterruptedException stop) {
                    return;
                }
            }
        });
    }

    private static boolean isBlocked(Thread thread) {
        return switch (thread.getState()) {
            case BLOCKED, WAITING, TIMED_WAITING -> true;
            default -> false;
        };
    }
}
