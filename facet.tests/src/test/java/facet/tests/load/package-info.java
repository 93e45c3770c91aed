/** Leaks and load: many cycles, many threads, then nothing left behind. */
@NullMarked
package facet.tests.load;

import org.jspecify.annotations.NullMarked;
