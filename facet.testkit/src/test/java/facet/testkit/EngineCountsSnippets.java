package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Facet;
import facet.api.Service;

/** The compiled example of the javadoc of {@link EngineCounts}. */
final class EngineCountsSnippets {

    static void nothingLeaks(Service root) throws Exception {
        // @start region=nothingLeaks
        for (int cycle = 0; cycle < 10_000; cycle++) {
            Facet.start(root).close();
        }
        assertThat(EngineCounts.liveServices()).isZero();
        // @end
    }
}
