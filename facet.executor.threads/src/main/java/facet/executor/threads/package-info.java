/** The backend on platform threads. Not exported: found through {@code ServiceLoader}. */
@NullMarked
package facet.executor.threads;

import org.jspecify.annotations.NullMarked;
