package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;

/** The compiled example of the javadoc of the package {@code facet.testkit}. */
final class PackageInfoSnippets {

    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    static void journal() throws Exception {
        // @start region=example
        var journal = new Journal();
        var b = ScriptedService.named("b", journal);
        var a = ScriptedService.named("a", journal).dependsOn(Dependencies.of(b));
        try (var running = Facet.start(a)) { }
        assertThat(journal.lines()).containsExactly(
                "b start", "b started", "a start", "a started",
                "a stop", "a stopped", "b stop", "b stopped");
        // @end
    }
}
