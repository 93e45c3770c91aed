package facet.api;

/** The compiled example of the javadoc of {@link Running}. */
final class RunningSnippets {

    /** A dependency whose start sets a field. */
    static final class B implements Service {
        int value;

        @Override
        public void start() {
            value = 1;
        }
    }

    /** The root: it needs a {@link B}. */
    static final class A implements Service {
        final B b = new B();

        @Override
        public Dependencies dependencies() {
            return Dependencies.of(b);
        }
    }

    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    static void hold() throws Exception {
        // @start region=hold
        try (var running = Facet.start(new A())) {
            assert running.service().b.value == 1;
            running.await();
        }
        // @end
    }
}
