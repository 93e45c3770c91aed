/**
 * The facet API: declare services with {@code start}/{@code stop} hooks and their
 * {@linkplain facet.api.Dependencies dependencies}, then {@linkplain facet.api.Facet#start start}
 * the tree.
 *
 * <p>This is the only module a user {@code requires}. The engine and an execution backend come
 * in as jars ({@code dev.facet:facet.executor.virtual} or {@code dev.facet:facet.executor.threads},
 * each bringing {@code dev.facet:facet.engine}) and are found with {@link java.util.ServiceLoader}
 * on the module path or the class path.
 *
 * <h2>API stability</h2>
 * Everything in the package {@code facet.api} is stable: it changes incompatibly only in a major
 * version. The package {@code facet.api.spi} is for engine implementers and may change in a minor
 * version.
 */
module facet.api {
    requires static transitive org.jspecify;

    exports facet.api;
    exports facet.api.spi;

    uses facet.api.spi.FacetProvider;
}
