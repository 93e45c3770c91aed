package facet.consumer.check;

import facet.api.Facet;
import facet.api.Service;
import facet.testkit.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * Run by the build with the testkit on the class path and the engine on the module path, as a
 * modular application's tests have them, without any {@code --add-exports}: a simulation runs,
 * in virtual time, and the crash it meets is kept in its log rather than printed. Prints one
 * line, or exits with 1 saying what differs.
 */
public final class TestkitCheck {

    private TestkitCheck() {}

    /** A service whose task crashes an hour after it starts. */
    static final class Crashing implements Service {
        @Override
        public void start() {
            var unused = addTask(() -> {
                Facet.sleep(Duration.ofHours(1));
                throw new IllegalStateException("planted crash");
            });
        }

        @Override
        public String toString() {
            return "crashing";
        }
    }

    public static void main(String[] args) throws Exception {
        var crashing = new Crashing();
        var result = Simulation.seeded(1).run(facet -> {
            try (var running = facet.start(crashing)) {
                running.await();
            }
            return null;
        });
        List<String> seen = List.of(
                "testkit on the class path: " + !Simulation.class.getModule().isNamed(),
                "engine in module: " + Class.forName("facet.engine.Engine").getModule().getName(),
                "thrown: " + result.thrown(),
                "virtual time: " + result.virtualTime(),
                "errors logged: " + result.log().stream()
                        .filter(line -> line.contains("] ERROR crashing")).count());
        List<String> expected = List.of(
                "testkit on the class path: true",
                "engine in module: facet.engine",
                "thrown: java.lang.IllegalStateException: planted crash",
                "virtual time: PT1H",
                "errors logged: 1");
        if (!seen.equals(expected)) {
            System.err.println("facet.testkit beside an engine on the module path: expected "
                    + expected + ", saw " + seen);
            System.exit(1);
        }
        System.out.println("facet.testkit ran a simulation from the class path, the engine on"
                + " the module path: " + String.join("; ", seen));
    }
}
