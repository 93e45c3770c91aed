package facet.engine;

import static facet.engine.NamedService.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JVM's engine installs its shutdown hook at its first call, whichever call that is, and not
 * before: a JVM that never starts anything has none. An engine made by hand never installs one.
 * (The hook's work, stopping the held roots as the JVM goes down, is proved in child JVMs by
 * {@code ShutdownSignalTest}.)
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownHookInstalledTest {

    private final Engine jvms = new Engine(new ThreadPerStrand(), true);

    @Test
    void notBeforeTheFirstCall() {
        assertThat(jvms.shutdownHookInstalled()).isFalse();
    }

    @Test
    void atTheFirstStart() throws Exception {
        jvms.start(named("db")).close();

        assertThat(jvms.shutdownHookInstalled()).isTrue();
    }

    @Test
    void atTheFirstStartAsync() throws Exception {
        Running<NamedService> running = jvms.startAsync(named("db")).get();
        running.close();

        assertThat(jvms.shutdownHookInstalled()).isTrue();
    }

    @Test
    void atTheFirstRun() {
        var failure = new IllegalStateException("planted start failure");
        Service failing = new Service() {
            @Override
            public void start() {
                throw failure;
            }
        };

        assertThat(catchThrowable(() -> jvms.run(failing))).isSameAs(failure);

        assertThat(jvms.shutdownHookInstalled()).isTrue();
    }

    @Test
    void neverOnAnEngineMadeByHand() throws Exception {
        var engine = new Engine(new ThreadPerStrand());

        engine.start(named("db")).close();

        assertThat(engine.shutdownHookInstalled()).isFalse();
    }
}
