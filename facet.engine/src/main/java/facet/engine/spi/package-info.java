/**
 * The execution backend SPI: how the engine runs its strands and reads its clock.
 *
 * <p>An implementation is found with {@link java.util.ServiceLoader}: a module
 * {@code provides facet.engine.spi.ExecutionBackend with ...} and ships a
 * {@code META-INF/services/facet.engine.spi.ExecutionBackend} file for class-path users. Every
 * fork, wait and clock read of the engine goes through it, so a deterministic backend controls
 * every interleaving and all time.
 *
 * <p>For backend implementers: this package may change in a minor version.
 */
@NullMarked
package facet.engine.spi;

import org.jspecify.annotations.NullMarked;
