/**
 * Test support for service graphs: {@link facet.testkit.ScriptedService}s whose hooks do what a
 * test says (succeed, fail, block, ignore interrupts) and record it in a {@link
 * facet.testkit.Journal}, so a test can check the order things happened in.
 *
 * {@snippet file=facet/testkit/PackageInfoSnippets.java region=example}
 *
 * <p>API status: experimental until 1.0; the deterministic backend and property-based testing
 * join this package next.
 */
@NullMarked
package facet.testkit;

import org.jspecify.annotations.NullMarked;
