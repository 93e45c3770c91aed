/**
 * Test support for service graphs: {@link facet.testkit.ScriptedService}s whose hooks do what a
 * test says (succeed, fail, block, ignore interrupts) and record it in a {@link
 * facet.testkit.Journal}, so a test can check the order things happened in.
 *
 * <pre>{@code
 * var journal = new Journal();
 * var b = ScriptedService.named("b", journal);
 * var a = ScriptedService.named("a", journal).dependsOn(Dependencies.of(b));
 * try (var running = Facet.start(a)) { }
 * assertThat(journal.lines()).containsExactly(
 *         "b start", "b started", "a start", "a started",
 *         "a stop", "a stopped", "b stop", "b stopped");
 * }</pre>
 *
 * <p>API status: experimental until 1.0; the deterministic backend and property-based testing
 * join this package next.
 */
@NullMarked
package facet.testkit;

import org.jspecify.annotations.NullMarked;
