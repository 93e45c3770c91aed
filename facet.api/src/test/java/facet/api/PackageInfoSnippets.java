package facet.api;

/** The compiled example of the javadoc of the package {@code facet.api}. */
final class PackageInfoSnippets {

    // the example shows its hooks without @Override; close() may throw InterruptedException
    @SuppressWarnings({"MissingOverride", "try"})
    static void startAndStop() throws Exception {
        // @start region=example
        class B implements Service {
            public void start() { System.out.println("b started"); }
            public void stop()  { System.out.println("b stopped"); }
        }
        class A implements Service {
            final B b = new B();
            public Dependencies dependencies() { return Dependencies.of(b); }
            public void start() { System.out.println("a started"); }
            public void stop()  { System.out.println("a stopped"); }
        }

        try (var running = Facet.start(new A())) {   // b started, a started
            running.await();                           // until stopped or crashed
        }                                              // a stopped, b stopped
        // @end
    }
}
