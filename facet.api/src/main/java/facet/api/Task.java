package facet.api;

/**
 * Background work that returns nothing, for {@link Service#addTask(Task)}.
 *
 * <p>Like {@link Runnable}, but it may throw any exception: a task that fails (other than by
 * its own cancellation) crashes the stack it belongs to.
 *
 * {@snippet file=facet/api/TaskSnippets.java region=poll}
 */
@FunctionalInterface
public interface Task {

    /**
     * Does the work.
     *
     * @throws Exception any failure; it crashes the stack unless the task was cancelled
     */
    void run() throws Exception;
}
