package facet.examples;

import facet.api.Dependencies;
import facet.api.Service;
import java.io.IOException;

/**
 * A background task that fails brings the whole stack down, fast and loud: {@code run()} ends
 * with the task's exception (the same instance), after A and then B are stopped. The failure
 * is also logged once, at ERROR, through {@code System.Logger} "facet".
 *
 * <pre>
 * b started
 * a started
 * poll 1
 * poll 2
 * a stopped
 * b stopped
 * run() threw java.io.IOException: connection reset
 * </pre>
 */
public final class CrashExample {

    private CrashExample() {}

    /** A dependency, there to show that the crash stops it too, last. */
    public static final class B implements Service {

        /** Creates B, not started. */
        public B() {}

        @Override
        public void start() {
            System.out.println("b started");
        }

        @Override
        public void stop() {
            System.out.println("b stopped");
        }
    }

    /** A service whose background poller fails on its third poll. */
    public static final class A implements Service {

        private final B b = new B();

        /** Creates A, not started. */
        public A() {}

        @Override
        public Dependencies dependencies() {
            return Dependencies.of(b);
        }

        @Override
        public void start() {
            System.out.println("a started");
            addTask(this::poll);
        }

        @Override
        public void stop() {
            System.out.println("a stopped");
        }

        private void poll() throws IOException {
            for (int poll = 1; poll < 3; poll++) {
                System.out.println("poll " + poll);
            }
            throw new IOException("connection reset");
        }
    }

    /**
     * Runs A until its task crashes the stack.
     *
     * @param args ignored
     * @throws Exception anything but the expected crash
     */
    public static void main(String[] args) throws Exception {
        try {
            new A().run();
        } catch (IOException crash) {
            System.out.println("run() threw " + crash);
        }
    }
}
