package facet.engine;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The tasks of one service still running, in the order they were added. Linked through the
 * tasks themselves: adding and removing one costs no allocation and no hash, however many a
 * service runs (a million short tasks pass through here). Guarded by the graph's lock.
 */
final class TaskList implements Iterable<TaskFuture<?>> {

    private @Nullable TaskFuture<?> first;
    private @Nullable TaskFuture<?> last;
    private int size;

    void add(TaskFuture<?> task) {
        task.previous = last;
        task.next = null;
        if (last == null) {
            first = task;
        } else {
            last.next = task;
        }
        last = task;
        task.listed = true;
        size++;
    }

    /** Takes {@code task} out; a task not in the list is left alone. */
    void remove(TaskFuture<?> task) {
        if (!task.listed) {
            return;
        }
        TaskFuture<?> before = task.previous;
        TaskFuture<?> after = task.next;
        if (before == null) {
            first = after;
        } else {
            before.next = after;
        }
        if (after == null) {
            last = before;
        } else {
            after.previous = before;
        }
        task.previous = null;
        task.next = null;
        task.listed = false;
        size--;
    }

    int size() {
        return size;
    }

    @Override
    public Iterator<TaskFuture<?>> iterator() {
        return new Iterator<>() {
            private @Nullable TaskFuture<?> at = first;

            @Override
            public boolean hasNext() {
                return at != null;
            }

            @Override
            public TaskFuture<?> next() {
                TaskFuture<?> current = at;
                if (current == null) {
                    throw new NoSuchElementException();
                }
                at = current.next;
                return current;
            }
        };
    }
}
