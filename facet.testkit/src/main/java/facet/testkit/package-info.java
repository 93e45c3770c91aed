/** Scripted services and a journal of what they did, for tests of service graphs. */
@NullMarked
package facet.testkit;

import org.jspecify.annotations.NullMarked;
