package facet.api;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tree of services as a start would read it, validated, with nothing started:
 * {@link Facet#graph(Service)}. Each service appears once, however many dependents share it,
 * with its dependencies step by step: the services of a step start in parallel, its steps one
 * after the other.
 *
 * <p>It draws itself as text ({@link #toString()}), as a Mermaid flowchart to paste into a README
 * or an issue ({@link #toMermaid()}), or for Graphviz ({@link #toDot()}). Every arrow goes from a
 * dependent to a dependency and is labelled with the number of the step it belongs to.
 *
 * {@snippet file=facet/api/ServiceGraphSnippets.java region=draw}
 */
public final class ServiceGraph {

    /**
     * One service of the graph.
     *
     * @param service the service
     * @param name its name, as in facet's messages
     * @param steps its dependencies, step by step, as its {@link Service#dependencies()} gave them
     * @param gracefulShutdownTimeout its {@link Service#gracefulShutdownTimeout()}
     */
    public record Node(Service service, String name, List<List<Service>> steps,
            Duration gracefulShutdownTimeout) {

        /** Checks that no component is {@code null}, and keeps copies of the steps. */
        public Node {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            steps = steps.stream().map(List::copyOf).toList();
            Objects.requireNonNull(gracefulShutdownTimeout, "gracefulShutdownTimeout");
        }
    }

    private final List<Node> nodes;
    private final IdentityHashMap<Service, Integer> index = new IdentityHashMap<>();

    private ServiceGraph(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
        for (Node node : this.nodes) {
            if (index.putIfAbsent(node.service(), index.size()) != null) {
                throw new IllegalArgumentException(node.name() + " has two nodes");
            }
        }
        for (Node node : this.nodes) {
            for (List<Service> step : node.steps()) {
                for (Service dependency : step) {
                    if (!index.containsKey(dependency)) {
                        throw new IllegalArgumentException("a dependency of " + node.name()
                                + " has no node");
                    }
                }
            }
        }
    }

    /**
     * A graph of {@code nodes}, for an engine's {@link facet.api.spi.FacetProvider}: users get
     * theirs from {@link Facet#graph(Service)}.
     *
     * @param nodes the root first, then every service reached from it, each once
     * @return the graph
     * @throws IllegalArgumentException if {@code nodes} is empty, names a service twice, or
     *     misses a dependency
     */
    public static ServiceGraph of(List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a graph has a root");
        }
        return new ServiceGraph(nodes);
    }

    /**
     * The root.
     *
     * @return the service the graph was read from
     */
    public Service root() {
        return nodes.get(0).service();
    }

    /**
     * Every service of the graph, each once: the root first, then in the order a start reads
     * them (depth first, step by step).
     *
     * @return the nodes
     */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * The node of {@code service}.
     *
     * @param service a service of the graph
     * @return its node
     * @throws IllegalArgumentException if it is not in the graph
     */
    public Node node(Service service) {
        return nodes.get(indexOf(service));
    }

    private int indexOf(Service service) {
        Integer at = index.get(service);
        if (at == null) {
            throw new IllegalArgumentException(service + " is not in this graph");
        }
        return at;
    }

    /**
     * The graph as a text tree, the root at the top; a service reached again is named, not
     * drawn again:
     *
     * <pre>
     * api
     * +- 1: cache
     * |  \- 1: db
     * \- 2: db (above)
     * </pre>
     *
     * @return the tree, one line per arrow, each line ending with a line break
     */
    @Override
    public String toString() {
        var text = new StringBuilder();
        TextTree.draw(root(), service -> node(service).steps(), (prefix, service, again) ->
                text.append(prefix).append(node(service).name())
                        .append(again ? " (above)\n" : "\n"));
        return text.toString();
    }

    /**
     * The graph as a Mermaid flowchart, the root at the top, each arrow labelled with its step:
     *
     * <pre>
     * flowchart TD
     *     n0["api"]
     *     n1["cache"]
     *     n0 --&gt;|1| n1
     * </pre>
     *
     * @return the chart, each line ending with a line break
     */
    public String toMermaid() {
        var chart = new StringBuilder("flowchart TD\n");
        for (int at = 0; at < nodes.size(); at++) {
            chart.append("    n").append(at).append("[\"")
                    .append(mermaidText(nodes.get(at).name())).append("\"]\n");
        }
        arrows((from, to, step) -> chart.append("    n").append(from).append(" -->|")
                .append(step).append("| n").append(to).append('\n'));
        return chart.toString();
    }

    /**
     * The graph in Graphviz's DOT language, for {@code dot -Tsvg}:
     *
     * <pre>
     * digraph facet {
     *     n0 [label="api"];
     *     n1 [label="cache"];
     *     n0 -&gt; n1 [label="1"];
     * }
     * </pre>
     *
     * @return the graph, each line ending with a line break
     */
    public String toDot() {
        var dot = new StringBuilder("digraph facet {\n");
        for (int at = 0; at < nodes.size(); at++) {
            dot.append("    n").append(at).append(" [label=\"")
                    .append(dotText(nodes.get(at).name())).append("\"];\n");
        }
        arrows((from, to, step) -> dot.append("    n").append(from).append(" -> n").append(to)
                .append(" [label=\"").append(step).append("\"];\n"));
        return dot.append("}\n").toString();
    }

    /** Receives each arrow: from a dependent to a dependency, in a numbered step. */
    @FunctionalInterface
    private interface Arrow {
        void draw(int from, int to, int step);
    }

    private void arrows(Arrow arrow) {
        for (int from = 0; from < nodes.size(); from++) {
            List<List<Service>> steps = nodes.get(from).steps();
            for (int step = 0; step < steps.size(); step++) {
                for (Service dependency : steps.get(step)) {
                    arrow.draw(from, indexOf(dependency), step + 1);
                }
            }
        }
    }

    /** A name inside a Mermaid label: quotes as entities, one line. */
    private static String mermaidText(String name) {
        return name.replace("\"", "#quot;").replace('\n', ' ').replace('\r', ' ');
    }

    /** A name inside a DOT string: backslashes and quotes escaped, one line. */
    private static String dotText(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ')
                .replace('\r', ' ');
    }
}
