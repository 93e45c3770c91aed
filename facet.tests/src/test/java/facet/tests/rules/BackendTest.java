package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Dependencies;
import facet.api.Facet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** This suite runs once per backend: make sure the one facet.backend names is the one used. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackendTest extends Graphs {

    @Test
    void hooksRunOnTheKindOfThreadTheSelectedBackendMakes() throws Exception {
        String backend = System.getProperty("facet.backend", "virtual");
        var root = service("root");

        Facet.start(root).close();

        var start = journal.entries().get(at("root", "start"));
        var stop = journal.entries().get(at("root", "stop"));
        assertThat(start.thread()).isEqualTo("facet-start-root");
        assertThat(stop.thread()).isEqualTo("facet-stop-root");
        assertThat(start.virtual()).isEqualTo(backend.equals("virtual"));
        assertThat(stop.virtual()).isEqualTo(backend.equals("virtual"));
    }

    @Test
    void aThreadThatGoesOnToTheNextHookTakesItsName() throws Exception {
        // the thread that ran db's start() is the one to hear it returned: it calls cache's next
        var db = service("db");
        var cache = service("cache").dependsOn(Dependencies.of(db));
        var api = service("api").dependsOn(Dependencies.of(cache));

        Facet.start(api).close();

        for (String name : List.of("db", "cache", "api")) {
            assertThat(journal.entries().get(at(name, "start")).thread())
                    .isEqualTo("facet-start-" + name);
            assertThat(journal.entries().get(at(name, "stop")).thread())
                    .isEqualTo("facet-stop-" + name);
        }
    }
}
