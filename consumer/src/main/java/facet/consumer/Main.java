package facet.consumer;

import facet.api.Facet;
import facet.api.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the application, checks that it runs, stops it, and checks that all of it happened
 * where the caller said it would: on which backend, and on the module path or the class path.
 *
 * <pre>{@code
 * java -Dfacet.backend=virtual -p <jars> -m facet.consumer/facet.consumer.Main virtual module
 * facet.consumer ran on virtual threads, on the module path, Java 25.0.3+9-LTS: started db, cache, web; stopped web, cache, db
 * }</pre>
 */
public final class Main {

    private static final List<String> STARTED = List.of("db", "cache", "web");
    private static final List<String> STOPPED = List.of("web", "cache", "db");

    private Main() {}

    /**
     * Runs the application once and prints one line saying how it ran. Exits with status 1,
     * saying why on standard error, if anything differs from what the arguments expect; with
     * status 2 if the arguments are wrong.
     *
     * @param args the backend expected, {@code virtual} or {@code threads}; then where this
     *     class is expected to run, {@code module} (the module path) or {@code class} (the
     *     class path)
     * @throws Exception if facet fails to start or stop the application
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("virtual", "threads").contains(args[0])
                || !List.of("module", "class").contains(args[1])) {
            System.err.println("usage: Main virtual|threads module|class");
            System.exit(2);
        }
        boolean expectVirtual = args[0].equals("virtual");
        String expectedPath = args[1];
        var problems = new ArrayList<String>();

        String path = Main.class.getModule().isNamed() ? "module" : "class";
        if (!path.equals(expectedPath)) {
            problems.add("runs on the " + path + " path, expected the " + expectedPath + " path");
        }

        var events = new Events();
        var web = new Web(events);
        try (var running = Facet.start(web)) {
            for (Service service : List.of(running.service(), web.cache(), web.db())) {
                if (!service.running()) {
                    problems.add(service + " is not running after Facet.start returned");
                }
            }
            int cached = web.cache().warmUp().get(10, TimeUnit.SECONDS);
            if (cached != 2) {
                problems.add("the cache's warm-up task cached " + cached + " entries, expected 2");
            }
            if (!"hello".equals(web.cache().get("greeting"))) {
                problems.add("the cache holds " + web.cache().get("greeting")
                        + " for greeting, expected hello");
            }
        }
        for (Service service : List.of(web, web.cache(), web.db())) {
            if (service.running()) {
                problems.add(service + " is still running after close()");
            }
        }

        List<String> started = events.services("start");
        List<String> stopped = events.services("stop");
        if (!started.equals(STARTED)) {
            problems.add("started " + started + ", expected " + STARTED);
        }
        if (!stopped.equals(STOPPED)) {
            problems.add("stopped " + stopped + ", expected " + STOPPED);
        }
        // the backend shows in the threads: facet-<hook>-<service>, virtual or not
        for (Events.Event event : events.all()) {
            String thread = "facet-" + event.kind() + "-" + event.service();
            if (!event.thread().equals(thread)) {
                problems.add(event.service() + "'s " + event.kind() + " ran on thread "
                        + event.thread() + ", expected " + thread);
            }
        }
        List<String> misplaced = events.all().stream()
                .filter(event -> event.virtual() != expectVirtual)
                .map(event -> event.service() + " " + event.kind()).toList();
        if (!misplaced.isEmpty()) {
            problems.add("expected " + (expectVirtual ? "virtual" : "platform")
                    + " threads (facet.backend=" + System.getProperty("facet.backend")
                    + "), but these ran on others: " + String.join(", ", misplaced));
        }

        System.out.println("facet.consumer ran on " + threads(events) + ", on the " + path
                + " path, Java " + Runtime.version() + ": started " + String.join(", ", started)
                + "; stopped " + String.join(", ", stopped));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("facet.consumer: " + problem));
            System.exit(1);
        }
    }

    /** What the hooks and tasks ran on, as seen: "virtual threads", "platform threads", ... */
    private static String threads(Events events) {
        List<Boolean> virtual = events.all().stream().map(Events.Event::virtual).distinct()
                .toList();
        if (virtual.size() != 1) {
            return virtual.isEmpty() ? "no threads" : "mixed threads";
        }
        return virtual.getFirst() ? "virtual threads" : "platform threads";
    }
}
