/** The backend on virtual threads. Not exported: found through {@code ServiceLoader}. */
@NullMarked
package facet.executor.virtual;

import org.jspecify.annotations.NullMarked;
