/**
 * The facet execution backend on platform threads: pooled daemon threads, each named after the
 * service and what it does while it runs a hook or a task ({@code facet-start-Database}).
 *
 * <p>Add the jar; nothing to configure. With {@code facet.executor.virtual} present too, the
 * system property {@code facet.backend=threads} selects this one. Exports nothing.
 */
module facet.executor.threads {
    requires facet.engine;
    requires static org.jspecify;

    provides facet.engine.spi.ExecutionBackend with facet.executor.threads.PlatformThreadBackend;
}
