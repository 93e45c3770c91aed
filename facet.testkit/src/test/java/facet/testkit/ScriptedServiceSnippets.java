package facet.testkit;

import facet.api.Dependencies;

/** The compiled example of the javadoc of {@link ScriptedService}. */
final class ScriptedServiceSnippets {

    static ScriptedService graph() {
        // @start region=graph
        var journal = new Journal();
        var cache = ScriptedService.named("cache", journal);
        var web = ScriptedService.named("web", journal).dependsOn(Dependencies.of(cache));
        // @end
        return web;
    }
}
