package facet.benchmarks;

import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Retained heap per running service and per live task, beyond the user's own objects, on the
 * backend that {@code -Dfacet.backend} names.
 *
 * <p>How: the user's objects (services, their dependencies, one shared task body, the array of
 * futures) are made first; the heap in use after a full GC is read before and after the start
 * (or after every task is running and blocked); the difference over the count is the cost of
 * one. Tasks are compared with the same blocked work on a raw virtual-thread executor. A
 * platform thread's stack is native memory, outside the heap: on the {@code threads} backend the
 * task figure leaves it out.
 *
 * <p>Usage: {@code MemoryFootprint <out.csv>}; writes {@code metric,bytes} lines.
 */
public final class MemoryFootprint {

    private static final int SERVICES = 10_000;
    private static final int TASKS = 10_000;

    private MemoryFootprint() {}

    /**
     * Measures and writes the figures.
     *
     * @param args the output file
     * @throws Exception if a start or a task fails
     */
    public static void main(String[] args) throws Exception {
        String backend = System.getProperty("facet.backend", "virtual");
        Backends.select(backend);
        long service = perRunningService();
        long task = perLiveTask();
        long raw = perRawVirtualThread();
        var lines = List.of("metric,bytes", "service," + service, "task," + task,
                "raw-virtual-thread," + raw);
        Files.write(Path.of(args[0]), lines);
        System.out.println("memory on " + backend + ": " + String.join("; ", lines));
    }

    private static long perRunningService() throws Exception {
        List<NoOpService> services = Shape.PARALLEL.build(SERVICES);
        Facet.start(services.get(0)).close(); // warm: classes loaded, backend threads made
        long before = usedAfterGc();
        Running<NoOpService> running = Facet.start(services.get(0));
        long after = usedAfterGc();
        running.close();
        return (after - before) / SERVICES;
    }

    private static long perLiveTask() throws Exception {
        Service owner = new NoOpService(0);
        try (Running<Service> running = Facet.start(owner)) {
            return perBlockedTask(owner::addTask);
        }
    }

    private static long perRawVirtualThread() throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return perBlockedTask(executor::submit);
        }
    }

    /** How a task is handed to what runs it: {@code addTask}, or an executor's {@code submit}. */
    @FunctionalInterface
    private interface Submitter {
        Future<?> submit(Callable<Boolean> task);
    }

    /** The heap each of {@link #TASKS} tasks keeps while all of them wait on one latch. */
    private static long perBlockedTask(Submitter submitter) throws Exception {
        var futures = new Future<?>[TASKS];
        var release = new CountDownLatch(1);
        var allRunning = new CountDownLatch(TASKS);
        Callable<Boolean> body = () -> {
            allRunning.countDown();
            release.await();
            return true;
        };
        long before = usedAfterGc();
        for (int at = 0; at < TASKS; at++) {
            futures[at] = submitter.submit(body);
        }
        allRunning.await();
        long after = usedAfterGc();
        release.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        return (after - before) / TASKS;
    }

    /** The heap in use once garbage is gone: a few full collections, then a reading. */
    @SuppressWarnings("JavaRuntimeGc") // the point: retained bytes, not allocated ones
    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int round = 0; round < 4; round++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
