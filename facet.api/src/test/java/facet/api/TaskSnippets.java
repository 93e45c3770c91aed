package facet.api;

/** The compiled example of the javadoc of {@link Task}. */
final class TaskSnippets {

    /** A service that polls something in the background. */
    static final class Poller implements Service {
        @Override
        @SuppressWarnings("FutureReturnValueIgnored") // the example leaves the future out
        public void start() {
            // @start region=poll
            addTask(() -> {
                while (true) {
                    poll();
                    Thread.sleep(1_000);
                }
            });
            // @end
        }

        void poll() {}
    }
}
