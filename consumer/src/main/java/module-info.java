/**
 * A user's application on facet, built only from the installed artifacts: the main README's
 * "Getting it" section, executed by CI.
 *
 * <p>Like any user's module it {@code requires facet.api} and nothing else; the engine and the
 * two backends ({@code facet.executor.virtual}, {@code facet.executor.threads}) are runtime
 * jars, found by {@link java.util.ServiceLoader} on the module path or the class path.
 * {@link facet.consumer.Main} starts the application, checks that it runs where and on what it
 * was told, and stops it; the build runs it four times (module path and class path, each
 * backend), and its tests check the same graph with {@code facet.testkit}.
 */
module facet.consumer {
    requires facet.api;
}
