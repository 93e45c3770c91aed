/** The ExecutionBackend contract, checked on every backend ServiceLoader finds. */
@NullMarked
package facet.tests.backends;

import org.jspecify.annotations.NullMarked;
