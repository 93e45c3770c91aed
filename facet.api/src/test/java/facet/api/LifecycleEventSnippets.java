package facet.api;

/** The compiled example of the javadoc of {@link LifecycleEvent}. */
final class LifecycleEventSnippets {

    /** The service the example runs. */
    static final class Application implements Service {}

    @SuppressWarnings("try") // the registration is held for the run, not used in it
    static void startTimes() throws Exception {
        // @start region=startTimes
        try (var registration = Facet.addListener(event -> {
            if (event instanceof LifecycleEvent.Started started) {
                System.out.println(started.name() + " started in " + started.duration());
            }
        })) {
            Facet.run(new Application());
        }
        // @end
    }
}
