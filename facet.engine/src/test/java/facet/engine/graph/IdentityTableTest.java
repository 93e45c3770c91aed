package facet.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The identity table: by identity, counted, whole across its split, and split where its
 * measurement says (past 32,768 entries).
 */
class IdentityTableTest {

    private static final int PAST_THE_SPLIT = 40_000;

    private record Key(int number) {}

    @Test
    void everyEntryIsFoundAndRemovedAcrossTheSplit() {
        var table = new IdentityTable<Key, Integer>();
        List<Key> keys = new ArrayList<>();
        for (int number = 0; number < PAST_THE_SPLIT; number++) {
            var key = new Key(number);
            keys.add(key);
            table.put(key, number);
        }
        assertThat(table.size()).isEqualTo(PAST_THE_SPLIT);
        assertThat(table.putIfAbsent(keys.get(7), -1)).as("had one").isEqualTo(7);
        assertThat(table.get(new Key(7))).as("by identity, not equality").isNull();
        for (Key key : keys) {
            assertThat(table.get(key)).isEqualTo(key.number());
        }

        table.removeValuesIf(value -> value % 2 == 0);
        table.remove(keys.get(1), -1); // not its value: stays

        assertThat(table.size()).isEqualTo(PAST_THE_SPLIT / 2);
        assertThat(table.get(keys.get(0))).isNull();
        assertThat(table.get(keys.get(1))).isEqualTo(1);
        table.remove(keys.get(1), 1);
        assertThat(table.size()).isEqualTo(PAST_THE_SPLIT / 2 - 1);
    }

    @Test
    void putIfAbsentCountsAKeyOnceAndKeepsItsFirstValue() {
        var table = new IdentityTable<Key, Integer>();
        var key = new Key(1);

        assertThat(table.putIfAbsent(key, 1)).isNull();
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.putIfAbsent(key, 2)).isEqualTo(1);

        assertThat(table.size()).isEqualTo(1);
        assertThat(table.get(key)).isEqualTo(1);
    }

    @Test
    void oneTableUpTo32768EntriesThenSegmentsForGood() {
        var table = new IdentityTable<Key, Integer>();
        for (int number = 0; number < (1 << 15) - 1; number++) {
            table.put(new Key(number), number);
        }
        var last = new Key(-1);

        assertThat(table.putIfAbsent(last, 0)).isNull();
        assertThat(table.size()).isEqualTo(1 << 15);
        assertThat(table.isSegmented()).as("32,768 entries: one table").isFalse();
        table.put(last, 1); // replaces a value: no new entry
        assertThat(table.isSegmented()).isFalse();

        table.put(new Key(1 << 15), 0);
        assertThat(table.isSegmented()).as("32,769 entries: segments").isTrue();
        assertThat(table.get(last)).isEqualTo(1);

        table.removeValuesIf(value -> true);
        assertThat(table.size()).isZero();
        assertThat(table.isSegmented()).as("emptied, it stays split").isTrue();
    }

    /**
     * Each segment's map probes from the low bits of the identity hash: they must vary within a
     * segment as they do overall. Taken from the low bits, the segment fixed six of them, and a
     * segment's keys fell on one slot in 128 (long probe runs; removals a fifth of a flat
     * graph's start and stop).
     */
    @Test
    void theKeysOfOneSegmentSpreadOverTheLowBitsOfTheirHash() {
        var lowBitsInSegment = new java.util.HashSet<Integer>();
        var segmentsUsed = new java.util.HashSet<Integer>();
        for (int number = 0; number < PAST_THE_SPLIT; number++) {
            var key = new Key(number);
            int segment = IdentityTable.segmentOf(key);
            segmentsUsed.add(segment);
            if (segment == 0) {
                lowBitsInSegment.add(System.identityHashCode(key) & 127);
            }
        }

        assertThat(segmentsUsed).hasSize(64);
        assertThat(lowBitsInSegment).as("of 128 values of the low 7 bits").hasSizeGreaterThan(100);
    }
}
