package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import facet.api.ServiceGraph;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Facet.graph(root)}: the tree read and validated as a start would read it (R9), with
 * nothing started, drawn as text, Mermaid and Graphviz.
 */
@SuppressWarnings("try") // holds kept for a block, not used in it
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GraphTest extends Graphs {

    @Test
    void itReadsEveryServiceOnceStepByStepAndStartsNothing() {
        var db = service("db");
        var cache = service("cache").dependsOn(Dependencies.of(db));
        var web = service("web").timeout(Duration.ofSeconds(3));
        var api = service("api").dependsOn(Dependencies.of(cache).thenParallel(db, web));

        ServiceGraph graph = Facet.graph(api);

        assertThat(graph.root()).isSameAs(api);
        assertThat(graph.nodes()).extracting(ServiceGraph.Node::name)
                .containsExactly("api", "cache", "db", "web");
        assertThat(graph.node(api).steps()).containsExactly(List.of(cache), List.of(db, web));
        assertThat(graph.node(web).gracefulShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(graph.node(db).steps()).isEmpty();
        assertThat(journal.entries()).as("no hook ran").isEmpty();
        assertThat(api.running()).isFalse();
        assertThat(catchThrowable(() -> graph.node(service("elsewhere"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("elsewhere is not in this graph");
    }

    @Test
    void itDrawsItselfAsATextTreeMermaidAndGraphviz() {
        var db = service("db");
        var cache = service("cache").dependsOn(Dependencies.of(db));
        var web = service("web");
        var api = service("api").dependsOn(Dependencies.of(cache).thenParallel(db, web));

        ServiceGraph graph = Facet.graph(api);

        assertThat(graph.toString()).isEqualTo("""
                api
                +- 1: cache
                |  \\- 1: db
                +- 2: db (above)
                \\- 2: web
                """);
        assertThat(graph.toMermaid()).isEqualTo("""
                flowchart TD
                    n0["api"]
                    n1["cache"]
                    n2["db"]
                    n3["web"]
                    n0 -->|1| n1
                    n0 -->|2| n2
                    n0 -->|2| n3
                    n1 -->|1| n2
                """);
        assertThat(graph.toDot()).isEqualTo("""
                digraph facet {
                    n0 [label="api"];
                    n1 [label="cache"];
                    n2 [label="db"];
                    n3 [label="web"];
                    n0 -> n1 [label="1"];
                    n0 -> n2 [label="2"];
                    n0 -> n3 [label="2"];
                    n1 -> n2 [label="1"];
                }
                """);
    }

    @Test
    void namesAreQuotedForEachFormat() {
        var odd = service("say \"hi\" \\ there");

        ServiceGraph graph = Facet.graph(odd);

        assertThat(graph.toMermaid()).contains("n0[\"say #quot;hi#quot; \\ there\"]");
        assertThat(graph.toDot()).contains("n0 [label=\"say \\\"hi\\\" \\\\ there\"];");
    }

    @Test
    void aLongChainIsDrawnWithoutDeepeningTheStack() throws Exception {
        Service below = service("s0");
        for (int at = 1; at < 2_000; at++) {
            below = service("s" + at).dependsOn(Dependencies.of(below));
        }
        ServiceGraph graph = Facet.graph(below);
        var drawn = new AtomicReference<String>("");
        // a stack too small for one frame per level of a drawing that recursed
        var small = new Thread(null, () -> drawn.set(graph.toString()), "small", 64 * 1024);

        small.start();
        small.join();

        assertThat(drawn.get().lines()).hasSize(2_000);
        assertThat(drawn.get().lines().reduce((first, last) -> last)).hasValueSatisfying(
                last -> assertThat(last).endsWith("\\- 1: s0"));
    }

    @Test
    void aRunningTreeIsReadToo() throws Exception {
        var db = service("db");
        var api = service("api").dependsOn(Dependencies.of(db));

        try (var running = Facet.start(api)) {
            assertThat(Facet.graph(api).nodes()).extracting(ServiceGraph.Node::service)
                    .containsExactly(api, db);
        }
    }

    @Test
    @SuppressWarnings("NullAway") // the nulls a user without NullAway could pass
    void aNullOrACycleIsRefusedAsAStartRefusesIt() {
        Service holdsANull = new Service() {
            @Override
            public Dependencies dependencies() {
                return Dependencies.of(new Service[] {null});
            }

            @Override
            public String toString() {
                return "holder";
            }
        };
        var first = new Cyclic("first");
        var second = new Cyclic("second");
        first.next = second;
        second.next = first;

        assertSameFailure(holdsANull);
        assertSameFailure(first);
        assertThat(catchThrowable(() -> Facet.graph(null)))
                .isInstanceOf(NullPointerException.class).hasMessage("service");
    }

    private static void assertSameFailure(Service root) {
        Throwable byGraph = catchThrowable(() -> Facet.graph(root));
        Throwable byStart = catchThrowable(() -> Facet.start(root).close());

        assertThat(byGraph).isNotNull().hasSameClassAs(byStart)
                .hasMessage(byStart.getMessage());
    }

    /** A service whose one dependency is set after it is made: a cycle. */
    private static final class Cyclic implements Service {
        private final String name;
        @Nullable Service next;

        Cyclic(String name) {
            this.name = name;
        }

        @Override
        public Dependencies dependencies() {
            Service dependency = next;
            return dependency == null ? Dependencies.none() : Dependencies.of(dependency);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
