/**
 * Services, their dependencies, and the calls that start and stop them.
 *
 * {@snippet file=facet/api/PackageInfoSnippets.java region=example}
 *
 * <p>Stable API: see the module description.
 */
@NullMarked
package facet.api;

import org.jspecify.annotations.NullMarked;
