package facet.engine.spi;

/** The compiled example of the javadoc of {@link SystemTimeBackend}. */
final class SystemTimeBackendSnippets {

    // an inner class without @Override, as the example declares it
    @SuppressWarnings({"ClassCanBeStatic", "MissingOverride"})
    // @start region=extend
    public final class MyBackend extends SystemTimeBackend {
        public String name() { return "mine"; }
        public int priority() { return 0; }
        public Strand fork(String name, Runnable body) { throw new UnsupportedOperationException(); } // @replace regex="\{.*\}" replacement="{ ... }"
    }
    // @end
}
