package facet.examples;

import facet.api.Facet;
import facet.examples.RunExample.A;

/**
 * The README's context manager ({@code async with A() as a}) in Java: try-with-resources on
 * {@link Facet#start}. The services of {@link RunExample} are running inside the block, and
 * stopped, in reverse order, when it ends.
 *
 * <pre>
 * b started
 * a started
 * a.b.value is 1
 * a stopped
 * b stopped
 * a.b.value is 0
 * </pre>
 */
public final class StartExample {

    private StartExample() {}

    /**
     * Starts A, looks at its B, and stops both.
     *
     * @param args ignored
     * @throws Exception a failure to start or to stop
     */
    // close() waits for the stop, interruptibly: javac's lint flags that in every block
    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
        A a;
        try (var running = Facet.start(new A())) {
            a = running.service();
            check(a.b.value == 1, "B runs inside the block");
            System.out.println("a.b.value is " + a.b.value);
        }
        check(a.b.value == 0, "B is stopped after the block");
        System.out.println("a.b.value is " + a.b.value);
    }

    // The README uses assert; Java skips asserts unless run with -ea, so check for real.
    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
