package facet.examples;

import facet.api.Dependencies;
import facet.api.Service;

/**
 * The first example of the README: A depends on B, so B starts first and stops last.
 *
 * <pre>
 * b started
 * a started
 * </pre>
 *
 * <p>Then it runs until Ctrl-C (SIGINT) or SIGTERM, which stops A, then B, and ends the JVM:
 *
 * <pre>
 * a stopped
 * b stopped
 * </pre>
 */
public final class RunExample {

    private RunExample() {}

    /** A service that A needs: it must run before A starts, and until A has stopped. */
    public static final class B implements Service {

        /**
         * 1 while running, 0 otherwise. A plain field is enough: the engine orders each hook
         * call before whatever waits for it (the caller of {@code Facet.start}, the next hook).
         */
        int value;

        /** Creates B, not started. */
        public B() {}

        @Override
        public void start() {
            value += 1;
            System.out.println("b started");
        }

        @Override
        public void stop() {
            value -= 1;
            System.out.println("b stopped");
        }
    }

    /** The service to run: it depends on a B of its own. */
    public static final class A implements Service {

        /** The dependency, reachable as in Python ({@code a.b.value}). */
        final B b = new B();

        /** Creates A, not started. */
        public A() {}

        @Override
        public Dependencies dependencies() {
            return Dependencies.of(b);
        }

        @Override
        public void start() {
            System.out.println("a started");
        }

        @Override
        public void stop() {
            System.out.println("a stopped");
        }
    }

    /**
     * Runs A until Ctrl-C.
     *
     * @param args ignored
     * @throws Exception from {@link Service#run()}; an {@link InterruptedException} if the
     *     thread running it is interrupted, which stops A and B first
     */
    public static void main(String[] args) throws Exception {
        new A().run();
    }
}
