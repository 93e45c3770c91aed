/**
 * The bootstrap SPI between {@code facet.api} and an engine.
 *
 * <p>{@link facet.api.Facet} and the provided methods of {@link facet.api.Service} delegate to
 * the single {@link facet.api.spi.FacetProvider} found by {@link java.util.ServiceLoader}.
 * Users never call this package; it may change in a minor version.
 */
@NullMarked
package facet.api.spi;

import org.jspecify.annotations.NullMarked;
