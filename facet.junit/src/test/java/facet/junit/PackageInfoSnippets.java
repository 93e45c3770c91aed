package facet.junit;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Running;
import facet.testkit.Simulation;
import org.junit.jupiter.api.Test;

/** The compiled example of the package's javadoc. */
final class PackageInfoSnippets {

    // @start region=example
    static class ApplicationTest {

        @Started static final Application app = new Application();  // started once, on threads

        @Test
        void answers(Running<Application> running) {
            assertThat(running.service().running()).isTrue();
        }

        @SimulatedTest(tries = 500)                                   // in virtual time, 500 seeds
        void startsAndStopsOnEverySchedule(Simulation simulation) throws Exception {
            var fresh = new Application();
            simulation.run(facet -> {
                facet.start(fresh).close();
                return null;
            }).orThrow();
        }
    }
    // @end
}
