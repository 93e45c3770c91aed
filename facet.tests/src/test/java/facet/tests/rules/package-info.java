/** The rules R1-R12 of CONTRACT.md, through the public API, on the backend facet.backend picks. */
@NullMarked
package facet.tests.rules;

import org.jspecify.annotations.NullMarked;
