package facet.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Service;
import facet.engine.NamedService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The read of a graph: the services to claim in the order found, those already live, and for
 * each service to claim where each of its dependencies is in the reading, so the claim wires
 * them without looking a service up again.
 */
class GraphReaderTest {

    private static Service named(String name, Dependencies dependencies) {
        return new NamedService(name, Duration.ofSeconds(10), dependencies);
    }

    @Test
    void eachDependencyIsLinkedToWhereTheReadingHasIt() {
        var shared = named("shared", Dependencies.none());
        var live = named("live", Dependencies.none());
        var left = named("left", Dependencies.of(shared));
        var right = named("right", Dependencies.of(live).then(shared));
        var root = named("root", Dependencies.parallel(left, right).then(live));

        GraphReader.Reading reading = GraphReader.read(root, new GraphReader.Visits(),
                Set.<Service>of(live)::contains);

        assertThat(reading.claim()).extracting(GraphReader.Snapshot::service)
                .containsExactly(root, left, shared, right);
        assertThat(reading.live()).containsExactly(live);
        assertThat(resolved(reading)).containsExactly(
                "root: [[left, right], [live]]",
                "left: [[shared]]",
                "shared: []",
                "right: [[live], [shared]]");
    }

    @Test
    void aReadOfALiveRootHasNothingToClaim() {
        var root = named("root", Dependencies.none());

        GraphReader.Reading reading = GraphReader.read(root, new GraphReader.Visits(),
                Set.<Service>of(root)::contains);

        assertThat(reading.claim()).isEmpty();
        assertThat(reading.links()).isEmpty();
        assertThat(reading.live()).containsExactly(root);
    }

    @Test
    void aSecondWalkOfTheSameStartLinksByItsOwnOrder() {
        var shared = named("shared", Dependencies.none());
        var root = named("root", Dependencies.of(shared));
        var visits = new GraphReader.Visits();
        var first = GraphReader.read(root, visits, service -> false);

        // the claim failed (say), and shared went live meanwhile: the next walk finds it live
        var second = GraphReader.read(root, visits, Set.<Service>of(shared)::contains);

        assertThat(resolved(first)).containsExactly("root: [[shared]]", "shared: []");
        assertThat(resolved(second)).containsExactly("root: [[shared]]");
        assertThat(second.links().get(0)[0][0]).as("live, first of them").isEqualTo(~0);
    }

    /** Each service to claim with its steps, its links turned back into the names they find. */
    private static List<String> resolved(GraphReader.Reading reading) {
        var lines = new ArrayList<String>();
        for (int index = 0; index < reading.claim().size(); index++) {
            var steps = new ArrayList<List<String>>();
            for (int[] step : reading.links().get(index)) {
                var names = new ArrayList<String>();
                for (int where : step) {
                    names.add(where >= 0 ? reading.claim().get(where).name()
                            : reading.live().get(~where).toString());
                }
                steps.add(names);
            }
            lines.add(reading.claim().get(index).name() + ": " + steps);
        }
        return lines;
    }
}
