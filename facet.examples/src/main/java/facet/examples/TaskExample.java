package facet.examples;

import static java.util.Objects.requireNonNull;

import facet.api.Facet;
import facet.api.Service;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * A background task: {@code start()} hands work to {@link Service#addTask} and returns; the task
 * runs on while the service runs, and is interrupted and awaited when it stops.
 *
 * <pre>
 * start done
 * task done
 * </pre>
 *
 * <p>The README's version runs until Ctrl-C; this one stops A once the task is done, so that it
 * ends by itself.
 */
public final class TaskExample {

    private TaskExample() {}

    /** A service with one background task. */
    public static final class A implements Service {

        private final CountDownLatch startDone = new CountDownLatch(1);
        private @Nullable Future<?> task;

        /** Creates A, not started. */
        public A() {}

        @Override
        public void start() {
            task = addTask(this::work);
            System.out.println("start done");
            startDone.countDown();
        }

        private void work() throws InterruptedException {
            // asyncio runs a task only once start() yields; a task here has a thread of its own
            // and may run at once, so it waits for start() to print first, as in the README
            startDone.await();
            Thread.sleep(100); // the work: the README's asyncio.sleep(1), shortened
            System.out.println("task done");
        }

        /**
         * The task added by {@link #start()}.
         *
         * @return its future
         * @throws NullPointerException if A was never started
         */
        public Future<?> task() {
            return requireNonNull(task, "A was never started");
        }
    }

    /**
     * Starts A, waits for its task, and stops A.
     *
     * @param args ignored
     * @throws Exception a failure to start or stop, or of the task
     */
    // close() waits for the stop, interruptibly: javac's lint flags that in every block
    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
        try (var running = Facet.start(new A())) {
            running.service().task().get();
        }
    }
}
