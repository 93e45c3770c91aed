package facet.health;

import facet.health.Report.Check;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs user checks on threads of its own, each bounded by a timeout, so a probe never hangs. One
 * per start of the endpoint; {@link #close()} interrupts what still runs.
 */
final class CheckRunner implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger("facet");

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** The latest run of each check by name: a run still going is joined, not started again. */
    private final ConcurrentMap<String, Future<Boolean>> runs = new ConcurrentHashMap<>();

    /**
     * Runs {@code checks} together and waits for each until {@code timeout} after the call began:
     * the call takes about {@code timeout} at most, however many checks hang.
     *
     * @return one result per check, in order
     */
    List<Check> run(List<UserCheck> checks, Duration timeout) {
        long begin = System.nanoTime();
        long budget = saturatedNanos(timeout);
        var running = new ArrayList<Future<Boolean>>(checks.size());
        for (UserCheck check : checks) {
            running.add(runOrJoin(check));
        }
        var results = new ArrayList<Check>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            UserCheck check = checks.get(i);
            long left = budget - (System.nanoTime() - begin);
            results.add(new Check(check.name(), await(check, running.get(i), left)));
        }
        return results;
    }

    private Future<Boolean> runOrJoin(UserCheck check) {
        return runs.compute(check.name(), (name, last) -> {
            if (last != null && !last.isDone()) {
                return last;
            }
            try {
                return executor.submit(() -> check.check().check());
            } catch (RejectedExecutionException closed) {
                return CompletableFuture.completedFuture(false); // stopping: DOWN
            }
        });
    }

    private static boolean await(UserCheck check, Future<Boolean> run, long nanos) {
        try {
            return run.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failure) {
            // the failure is the operator's to read, never the client's
            LOGGER.log(Level.DEBUG, () -> "health check " + check.name() + " failed",
                    failure.getCause());
            return false;
        } catch (TimeoutException | CancellationException late) {
            return false;
        } catch (InterruptedException interrupted) {
            // the endpoint is stopping: the answer no longer matters, the interrupt does
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Interrupts the checks still running; a check that ignores interrupts is left behind. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
