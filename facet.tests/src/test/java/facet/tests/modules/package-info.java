/**
 * The module story, in real JVMs: a consumer that requires facet.api alone, run on the module
 * path (and the class path) with each backend jar, both, and none.
 */
@NullMarked
package facet.tests.modules;

import org.jspecify.annotations.NullMarked;
