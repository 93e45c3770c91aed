package facet.tests.rules;

import facet.testkit.Journal;
import facet.testkit.ScriptedService;

/** Small helpers shared by the rule tests: one journal per test, services named after it. */
abstract class Graphs {

    final Journal journal = new Journal();

    ScriptedService service(String name) {
        return ScriptedService.named(name, journal);
    }

    /** The journal's lines for one service, in order. */
    java.util.List<String> linesOf(String name) {
        return journal.entries().stream()
                .filter(entry -> entry.service().equals(name))
                .map(Journal.Entry::event)
                .toList();
    }

    int at(String service, String event) {
        int index = journal.indexOf(service, event);
        if (index < 0) {
            throw new AssertionError("no \"" + service + " " + event + "\" in " + journal);
        }
        return index;
    }
}
