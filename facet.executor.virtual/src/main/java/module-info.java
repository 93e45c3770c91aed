/**
 * The facet execution backend on virtual threads, one per hook or task, named after the service
 * and what it does ({@code facet-task-Poller}). The default when present.
 *
 * <p>Add the jar; nothing to configure. Exports nothing.
 */
module facet.executor.virtual {
    requires facet.engine;
    requires static org.jspecify;

    provides facet.engine.spi.ExecutionBackend with facet.executor.virtual.VirtualThreadBackend;
}
