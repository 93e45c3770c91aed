package facet.examples;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.LifecycleReport;
import facet.api.Running;
import facet.api.Service;
import facet.api.ServiceGraph;
import java.time.Duration;

/**
 * Sees inside the mixed steps of {@link StepsExample}: the graph drawn before anything starts
 * ({@link Facet#graph}), then what its start and its stop took ({@link Running#report()}), the
 * critical path among them, as text and as Mermaid charts to paste into a README or an issue.
 *
 * <pre>
 * a
 * +- 1: b
 * +- 1: c
 * \- 2: d
 * flowchart TD
 *     ...
 * a: started in 389.7 ms, stopped in 30.9 ms
 * a        stopped  start() at +359.2 ms took 30.5 ms  stop() at +401.2 ms took 3.2 ms
 * +- 1: b  stopped  start() at +96.1 ms took 20.9 ms   stop() at +410.7 ms took 3.4 ms
 * +- 1: c  stopped  start() at +97.4 ms took 201.3 ms  stop() at +411.8 ms took 20.3 ms
 * \- 2: d  stopped  start() at +298.6 ms took 60.6 ms  stop() at +404.4 ms took 6.3 ms
 * critical path: c 201.3 ms (52%) -&gt; d 60.6 ms (16%) -&gt; a 30.5 ms (8%); waiting for a
 * worker: 97.4 ms (25%)
 * gantt
 *     ...
 * </pre>
 */
public final class ReportExample {

    private ReportExample() {}

    /** A service whose {@code start()} takes a while, and whose {@code stop()} a tenth of it. */
    static final class Timed implements Service {

        private final String name;
        private final Duration starting;
        private final Duration stopping;
        private final Dependencies dependencies;

        Timed(String name, long startMillis, Dependencies dependencies) {
            this.name = name;
            this.starting = Duration.ofMillis(startMillis);
            this.stopping = Duration.ofMillis(startMillis / 10);
            this.dependencies = dependencies;
        }

        @Override
        public Dependencies dependencies() {
            return dependencies;
        }

        @Override
        public void start() throws InterruptedException {
            Facet.sleep(starting); // Thread.sleep would do; Facet.sleep also runs in a simulation
        }

        @Override
        public void stop() throws InterruptedException {
            Facet.sleep(stopping);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Draws the graph, starts and stops it, then prints its report.
     *
     * @param args ignored
     * @throws Exception a failure to start or to stop
     */
    public static void main(String[] args) throws Exception {
        var b = new Timed("b", 20, Dependencies.none());
        var c = new Timed("c", 200, Dependencies.none());
        var d = new Timed("d", 60, Dependencies.none());
        var a = new Timed("a", 30, Dependencies.parallel(b, c).then(d));

        ServiceGraph graph = Facet.graph(a);
        System.out.print(graph);
        System.out.print(graph.toMermaid());

        Running<Timed> running = Facet.start(a);
        running.close();
        LifecycleReport report = running.report(); // after close(): with the stop
        System.out.print(report);
        System.out.print(report.toMermaid());
    }
}
