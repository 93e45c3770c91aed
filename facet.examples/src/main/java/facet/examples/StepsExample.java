package facet.examples;

import static java.util.concurrent.TimeUnit.SECONDS;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Dependencies started one after the other, together, or both mixed. The README's
 * {@code [[b, c], d]} is {@code Dependencies.parallel(b, c).then(d)}: b and c start together;
 * once both run, d starts, then a. Stop walks back: a, d, then b and c together.
 *
 * <pre>
 * mixed: a depends on [[b, c], d]
 * b and c started, together
 * d started
 * a started
 * a stopped
 * d stopped
 * b and c stopped, together
 * </pre>
 *
 * <p>Services that start together print one line between them (see {@link Together}), so the
 * output is the same on every run, whichever thread comes first.
 */
public final class StepsExample {

    private StepsExample() {}

    /** A service that prints its name when it starts and stops. */
    static final class Letter implements Service {

        private final String name;
        private final Dependencies dependencies;
        private final @Nullable Together together;

        private Letter(String name, Dependencies dependencies, @Nullable Together together) {
            this.name = name;
            this.dependencies = dependencies;
            this.together = together;
        }

        /** A service with no dependencies. */
        static Letter of(String name) {
            return new Letter(name, Dependencies.none(), null);
        }

        /** A service with no dependencies, in a parallel step with the rest of {@code step}. */
        static Letter in(Together step, String name) {
            return new Letter(name, Dependencies.none(), step);
        }

        /** A service that needs {@code dependencies}. */
        static Letter dependingOn(String name, Dependencies dependencies) {
            return new Letter(name, dependencies, null);
        }

        @Override
        public Dependencies dependencies() {
            return dependencies;
        }

        @Override
        public void start() throws InterruptedException, TimeoutException {
            if (together == null) {
                System.out.println(name + " started");
            } else {
                together.started(name);
            }
        }

        @Override
        public void stop() throws InterruptedException, TimeoutException {
            if (together == null) {
                System.out.println(name + " stopped");
            } else {
                together.stopped(name);
            }
        }

        /** Names it in messages and in {@link Dependencies#toString()}. */
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The services of one parallel step. Each {@code start()} (then each {@code stop()}) of a
     * member waits until every member is inside its own: only possible if the engine calls them
     * together. The first member then prints one line for all of them.
     */
    static final class Together {

        // a step run one after the other would wait forever: fail after this instead
        private static final long PATIENCE_SECONDS = 10;

        private final List<String> names;
        private final CountDownLatch starting;
        private final CountDownLatch stopping;

        /** The step of the services with these names, in the order they are printed. */
        Together(String... names) {
            this.names = List.of(names);
            this.starting = new CountDownLatch(names.length);
            this.stopping = new CountDownLatch(names.length);
        }

        void started(String name) throws InterruptedException, TimeoutException {
            meet(name, starting, "started");
        }

        void stopped(String name) throws InterruptedException, TimeoutException {
            meet(name, stopping, "stopped");
        }

        private void meet(String name, CountDownLatch everyone, String event)
                throws InterruptedException, TimeoutException {
            everyone.countDown();
            if (!everyone.await(PATIENCE_SECONDS, SECONDS)) {
                throw new TimeoutException(name + " " + event + " alone: the step is not parallel");
            }
            if (names.get(0).equals(name)) {
                System.out.println(together() + " " + event + ", together");
            }
        }

        /** "b and c", "b, c and d". */
        private String together() {
            int last = names.size() - 1;
            return String.join(", ", names.subList(0, last)) + " and " + names.get(last);
        }
    }

    /**
     * Starts and stops three trees: one step per service, one step for all, and the README's mix.
     *
     * @param args ignored
     * @throws Exception a failure to start or to stop
     */
    public static void main(String[] args) throws Exception {
        var b = Letter.of("b");
        var c = Letter.of("c");
        var d = Letter.of("d");
        startAndStop("one after the other", Letter.dependingOn("a", Dependencies.of(b, c, d)));

        var all = new Together("b", "c", "d");
        var parallel = Dependencies.parallel(
                Letter.in(all, "b"), Letter.in(all, "c"), Letter.in(all, "d"));
        startAndStop("together", Letter.dependingOn("a", parallel));

        var two = new Together("b", "c");
        var mixed = Dependencies.parallel(Letter.in(two, "b"), Letter.in(two, "c"))
                .then(Letter.of("d"));
        startAndStop("mixed", Letter.dependingOn("a", mixed));
    }

    // the block only holds the tree: it starts on entry and stops on exit (and close() waits
    // for the stop, interruptibly, which javac's lint flags too)
    @SuppressWarnings("try")
    private static void startAndStop(String title, Letter a) throws Exception {
        System.out.println(title + ": a depends on " + a.dependencies());
        try (var running = Facet.start(a)) {
        }
    }
}
