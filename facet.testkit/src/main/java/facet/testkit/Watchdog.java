package facet.testkit;

/**
 * Watches a simulation from a platform thread of its own: a baton holder that reaches no
 * scheduling point for longer than the limit fails the run with that thread's stack, whether it
 * blocks outside the backend (a lock, I/O, {@code Thread.sleep}) or runs without end (a spin,
 * which no step budget sees: the budget counts scheduling points).
 */
final class Watchdog {

    private static final long PERIOD_MILLIS = 20;

    private Watchdog() {}

    static void watch(SimulatedBackend backend, long limitNanos) {
        Thread.ofPlatform().daemon().name("facet-simulation-watchdog").start(() -> {
            while (backend.failure() == null && !backend.isFinished()) {
                SimulatedBackend.SimStrand holder = backend.holderFor(limitNanos);
                if (holder != null && holder.thread.isAlive()) {
                    backend.failAbandoning(SimulationException.watchdog(holder,
                            isBlocked(holder.thread), limitNanos, backend));
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
