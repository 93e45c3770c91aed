package facet.api;

/** The compiled example of the javadoc of {@link ServiceGraph} and {@link Facet#graph}. */
final class ServiceGraphSnippets {

    /** The service the example draws. */
    static final class Application implements Service {}

    static void draw() {
        // @start region=draw
        ServiceGraph graph = Facet.graph(new Application());   // nothing starts
        System.out.print(graph);                                // a text tree
        System.out.print(graph.toMermaid());                    // paste into a README
        // @end
    }
}
