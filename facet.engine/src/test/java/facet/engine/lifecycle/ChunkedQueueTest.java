package facet.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chunked queue against {@link ArrayDeque} as a model: first in, first out, across chunks. */
class ChunkedQueueTest {

    @Test
    void anEmptyQueuePollsNothing() {
        var queue = new ChunkedQueue<Integer>();

        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
    }

    /**
     * Adds and polls in random runs, long enough to span chunks of every size (4 to 1,024) and
     * to drain the queue often: each poll must return what the model returns.
     */
    @Test
    void pollsInTheOrderOfItsAddsAcrossChunksAndDrains() {
        var random = new SplittableRandom(11);
        var queue = new ChunkedQueue<Integer>();
        var model = new ArrayDeque<Integer>();
        int next = 0;
        for (int round = 0; round < 2_000; round++) {
            int adds = random.nextInt(random.nextBoolean() ? 8 : 5_000);
            for (int add = 0; add < adds; add++) {
                queue.add(next);
                model.add(next);
                next++;
            }
            int polls = random.nextInt(adds + model.size() + 2);
            for (int poll = 0; poll < polls; poll++) {
                assertThat(queue.isEmpty()).isEqualTo(model.isEmpty());
                assertThat(queue.poll()).isEqualTo(model.poll());
            }
        }
        while (!model.isEmpty()) {
            assertThat(queue.poll()).isEqualTo(model.poll());
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
    }
}
