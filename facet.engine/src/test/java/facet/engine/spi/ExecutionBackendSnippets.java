package facet.engine.spi;

/** The compiled example of the javadoc of {@link ExecutionBackend}. */
final class ExecutionBackendSnippets {

    // an inner class without @Override, as the example declares it; the methods the example
    // leaves out ("...") are on one line, which the snippet shows as "..."
    @SuppressWarnings({"ClassCanBeStatic", "MissingOverride"})
    // @start region=implement
    public final class MyBackend implements ExecutionBackend {
        public String name() { return "mine"; }
        public int priority() { return 0; }
        // @replace regex="public.*" replacement="..." :
        public Strand fork(String name, Runnable body) { throw new UnsupportedOperationException(); } public Alarm schedule(long deadline, Runnable action) { throw new UnsupportedOperationException(); } public long nanoTime() { throw new UnsupportedOperationException(); } public Latch newLatch() { throw new UnsupportedOperationException(); }
    }
    // @end
}
