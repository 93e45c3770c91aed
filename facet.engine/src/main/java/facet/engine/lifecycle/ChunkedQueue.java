package facet.engine.lifecycle;

import org.jspecify.annotations.Nullable;

/**
 * A first-in, first-out queue in linked chunks, each twice the last up to 1,024 slots: it never
 * copies what it holds, as a growing array does, and never makes an array large enough for G1
 * to allocate it humongous, in the old generation, where young collections take all it refers
 * to as alive until a marking finds it dead. For the lists of a {@link Transition}, which the
 * transition of a wide step fills with one entry per service (100,000 steps and as many jobs
 * for a flat set of 100,000); most transitions hold none or a few, in the first chunk of four.
 *
 * <p>Polled entries are cleared at once, so a queue that was drained keeps nothing alive.
 *
 * @param <E> the entries
 */
final class ChunkedQueue<E> {

    private static final int FIRST_CHUNK = 4;
    private static final int LARGEST_CHUNK = 1 << 10;

    /** A chunk of entries and the one made after it. */
    private static final class Chunk {
        final @Nullable Object[] entries;
        @Nullable Chunk next;

        Chunk(int size) {
            entries = new Object[size];
        }
    }

    /** The chunk the next poll reads, and where in it; {@code null} when none was made yet. */
    private @Nullable Chunk head;
    private int headAt;
    /** The chunk the next add writes, and where in it. */
    private @Nullable Chunk tail;
    private int tailAt;

    /** Adds {@code entry} last. */
    void add(E entry) {
        Chunk last = tail;
        if (last == null) {
            last = new Chunk(FIRST_CHUNK);
            head = last;
            tail = last;
        } else if (tailAt == last.entries.length) {
            var next = new Chunk(Math.min(2 * last.entries.length, LARGEST_CHUNK));
            last.next = next;
            tail = next;
            tailAt = 0;
            last = next;
        }
        last.entries[tailAt++] = entry;
    }

    /** Removes and returns the first entry, or returns {@code null} if there is none. */
    @SuppressWarnings("unchecked") // only Es go in
    @Nullable E poll() {
        Chunk first = head;
        if (first == null || (first == tail && headAt == tailAt)) {
            return null;
        }
        var entry = (E) first.entries[headAt];
        first.entries[headAt++] = null;
        if (headAt == first.entries.length) { // spent: the next chunk, or none if it was the last
            head = first.next;
            headAt = 0;
            if (head == null) {
                tail = null;
                tailAt = 0;
            }
        }
        return entry;
    }

    /** Whether a poll would return nothing. */
    boolean isEmpty() {
        return head == null || (head == tail && headAt == tailAt);
    }
}
