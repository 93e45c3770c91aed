package facet.junit;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.Running;
import org.junit.jupiter.api.Test;

/** The compiled example of the javadoc of {@link Started}. */
final class StartedSnippets {

    // @start region=example
    static class CacheTest {

        @Started static final Application app = new Application();  // once for the class

        @Test
        void theCacheRunsOverThePool(Running<Application> running, Application application) {
            assertThat(running.service()).isSameAs(app);
            assertThat(application.cache.running()).isTrue();         // the service, by type
        }
    }
    // @end
}
