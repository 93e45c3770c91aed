package facet.api;

import java.time.Duration;

/** The compiled examples of the javadoc of {@link Drainable}. */
final class DrainableSnippets {

    /** What the example stands for: a service discovery client. */
    interface Discovery {
        void register(String name);

        void deregister(String name);
    }

    // @start region=registration
    /** Keeps this instance in service discovery while the application serves. */
    record Registration(Discovery discovery, String name) implements Service, Drainable {

        @Override
        public void start() {
            discovery.register(name);
        }

        @Override
        public void drain() throws InterruptedException {
            discovery.deregister(name);      // before anything of the tree stops
            Facet.sleep(Duration.ofSeconds(5)); // while the clients' caches expire
        }
    }
    // @end

    private DrainableSnippets() {}
}
