package facet.api;

/** The compiled example of the javadoc of {@link LifecycleReport} and {@link Running#report}. */
@SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
final class LifecycleReportSnippets {

    /** The service the example starts. */
    static final class Application implements Service {}

    static void report() throws Exception {
        // @start region=report
        try (Running<Application> running = Facet.start(new Application())) {
            LifecycleReport report = running.report();
            System.out.print(report);                  // a text tree, then the critical path
            System.out.print(report.toMermaid());      // a gantt chart to paste into an issue
            for (LifecycleReport.CriticalStart start : report.criticalPath()) {
                System.out.println(start.entry().name() + " took " + start.took());
            }
        }
        // @end
    }
}
