package facet.engine.graph;

import java.util.IdentityHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A map by identity that never grows one table past half a megabyte: past 32,768 entries it
 * splits into 64 smaller maps, by identity hash.
 *
 * <p>Why: a single {@link IdentityHashMap} of 100,000 services has a table of two megabytes,
 * which G1 allocates as a humongous object outside the young generation; every new node
 * stored in it then takes the slow path of G1's write barrier. Measured on the 100,000-service
 * tree: 1.9 us per service start + stop with one table, about 1.1 with smaller ones.
 */
public final class IdentityTable<K, V> {

    private static final int SPLIT_AT = 1 << 15;
    private static final int SEGMENT_BITS = 6;
    private static final int SEGMENTS = 1 << SEGMENT_BITS;

    private IdentityHashMap<K, V> single = new IdentityHashMap<>();
    private IdentityHashMap<K, V> @Nullable [] segments;
    private int size;

    /** An empty table. */
    public IdentityTable() {}

    /** The value of {@code key}, if it has one. */
    public @Nullable V get(K key) {
        return segment(key).get(key);
    }

    /**
     * Puts {@code value} unless {@code key} has one; returns the one it had. One probe of the
     * table when the key is new: {@code IdentityHashMap}'s own looks the key up, then puts it.
     */
    public @Nullable V putIfAbsent(K key, V value) {
        IdentityHashMap<K, V> segment = segment(key);
        @Nullable V had = segment.put(key, value);
        if (had != null) {
            segment.put(key, had); // it had one: put it back
            return had;
        }
        grew();
        return null;
    }

    /** Puts {@code value} for {@code key}, replacing the one it had. */
    public void put(K key, V value) {
        if (segment(key).put(key, value) == null) {
            grew();
        }
    }

    /** Removes {@code key} if it maps to {@code value}. */
    public void remove(K key, V value) {
        if (segment(key).remove(key, value)) {
            size--;
        }
    }

    /** Removes every entry whose value matches. Order does not matter. */
    public void removeValuesIf(Predicate<V> matches) {
        if (segments == null) {
            single.values().removeIf(matches);
            size = single.size();
            return;
        }
        size = 0;
        for (IdentityHashMap<K, V> segment : segments) {
            segment.values().removeIf(matches);
            size += segment.size();
        }
    }

    /** How many keys have a value. */
    public int size() {
        return size;
    }

    /** Whether it has split into segments: once past 32,768 entries, for good. */
    boolean isSegmented() {
        return segments != null;
    }

    private IdentityHashMap<K, V> segment(K key) {
        IdentityHashMap<K, V> @Nullable [] split = segments;
        return split == null ? single : split[segmentOf(key)];
    }

    /**
     * The segment of {@code key}: the top bits of its identity hash times a large odd constant,
     * which depend on all of its bits. Not its low bits: each segment's map probes from the low
     * bits, and with six of them the same for every key of a segment, its keys fell on one slot
     * in 128 and probed long runs (removing 100,000 services spent a fifth of a flat graph's
     * start and stop in {@code IdentityHashMap.closeDeletion}).
     */
    static int segmentOf(Object key) {
        return (System.identityHashCode(key) * 0x9E3779B9) >>> (Integer.SIZE - SEGMENT_BITS);
    }

    private void grew() {
        if (++size > SPLIT_AT && segments == null) {
            split();
        }
    }

    @SuppressWarnings("unchecked") // an array of a generic type: made and read here only
    private void split() {
        var split = (IdentityHashMap<K, V>[]) new IdentityHashMap<?, ?>[SEGMENTS];
        for (int at = 0; at < SEGMENTS; at++) {
            split[at] = new IdentityHashMap<>();
        }
        single.forEach((key, value) -> split[segmentOf(key)].put(key, value));
        single = new IdentityHashMap<>();
        segments = split;
    }
}
