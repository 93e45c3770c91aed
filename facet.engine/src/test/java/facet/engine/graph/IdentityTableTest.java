package facet.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identity table: by identity, counted, and whole across its split (past 32,768). */
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
}
