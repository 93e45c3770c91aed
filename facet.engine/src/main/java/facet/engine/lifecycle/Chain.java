package facet.engine.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Elements in the order they were added, each removed at once by the link its add returned:
 * a service's running tasks, a deadline's stopping services. Guarded by the lock.
 *
 * <p>Why not a {@code LinkedHashSet}: a million short tasks pass through one service's chain,
 * and a set's add is an identity hash plus a growing table for each (it was a third of the
 * submitting thread's time in the tasks benchmark); a link is one small allocation and three
 * writes.
 */
final class Chain<E> {

    /** Where an element is in its chain. */
    static final class Link<E> {
        private final E element;
        private @Nullable Link<E> previous;
        private @Nullable Link<E> next;
        private boolean linked = true;

        private Link(E element) {
            this.element = element;
        }
    }

    private @Nullable Link<E> first;
    private @Nullable Link<E> last;
    private int size;

    /** Adds {@code element} at the end; its link removes it. */
    Link<E> add(E element) {
        var link = new Link<>(element);
        link.previous = last;
        if (last == null) {
            first = link;
        } else {
            last.next = link;
        }
        last = link;
        size++;
        return link;
    }

    /** Takes out the element of {@code link}; once only, later calls do nothing. */
    void remove(Link<E> link) {
        if (!link.linked) {
            return;
        }
        link.linked = false;
        Link<E> before = link.previous;
        Link<E> after = link.next;
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
        link.previous = null;
        link.next = null;
        size--;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Does {@code action} to each element, in order; the action must not change the chain. */
    void forEach(Consumer<E> action) {
        for (Link<E> link = first; link != null; link = link.next) {
            action.accept(link.element);
        }
    }

    /** A copy of the elements, in order: to walk while they change. */
    List<E> elements() {
        var all = new ArrayList<E>(size);
        for (Link<E> link = first; link != null; link = link.next) {
            all.add(link.element);
        }
        return all;
    }
}
