package facet.engine;

import static facet.engine.NamedService.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Running;
import facet.api.Service;
import java.util.ArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JVM's engine registers its shutdown hook as a call that may hold a root begins, whichever
 * call that is, and not before: a JVM that never starts anything has none. It removes it when
 * the last hold is let go of, so an application that closed everything leaves no hook behind; the
 * next start registers it again. Turned off, it is removed and never registered; turned on
 * again, it is registered at once if a root is held. An engine made by hand never registers one. (The hook's work,
 * stopping the held roots as the JVM goes down, is proved in child JVMs by
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
    void whileARootIsHeldAndNoLonger() throws Exception {
        Running<NamedService> running = jvms.start(named("db"));
        assertThat(jvms.shutdownHookInstalled()).as("held").isTrue();

        running.close();

        assertThat(jvms.shutdownHookInstalled()).as("closed").isFalse();
    }

    @Test
    void untilTheLastOfSeveralRootsIsClosed() throws Exception {
        Running<NamedService> first = jvms.start(named("db"));
        Running<NamedService> second = jvms.start(named("cache"));

        first.close();
        assertThat(jvms.shutdownHookInstalled()).as("one still held").isTrue();
        second.close();
        assertThat(jvms.shutdownHookInstalled()).as("none held").isFalse();
    }

    @Test
    void againAtTheNextStart() throws Exception {
        jvms.start(named("db")).close();

        Running<NamedService> again = jvms.start(named("db"));
        assertThat(jvms.shutdownHookInstalled()).isTrue();
        again.close();
    }

    @Test
    void whileAStartAsyncHoldsItsRoot() throws Exception {
        Running<NamedService> running = jvms.startAsync(named("db")).get();
        assertThat(jvms.shutdownHookInstalled()).as("held").isTrue();

        running.close();

        assertThat(jvms.shutdownHookInstalled()).as("closed").isFalse();
    }

    @Test
    void heldRootsAlwaysHaveTheHookWhateverOtherThreadsCloseMeanwhile() throws Exception {
        int threads = 4;
        int rounds = 200;
        var ready = new CyclicBarrier(threads);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var done = new ArrayList<Future<Integer>>();
            for (int thread = 0; thread < threads; thread++) {
                String name = "svc" + thread;
                done.add(pool.submit(() -> {
                    ready.await();
                    int heldWithoutHook = 0;
                    for (int round = 0; round < rounds; round++) {
                        Running<NamedService> running = jvms.start(named(name));
                        if (!jvms.shutdownHookInstalled()) {
                            heldWithoutHook++;
                        }
                        running.close();
                    }
                    return heldWithoutHook;
                }));
            }
            for (Future<Integer> each : done) {
                assertThat(each.get(20, TimeUnit.SECONDS)).as("rounds held without the hook")
                        .isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jvms.shutdownHookInstalled()).as("all closed").isFalse();
    }

    @Test
    void whileARunRuns() {
        var failure = new IllegalStateException("planted start failure");
        var registeredDuringTheRun = new AtomicBoolean();
        Service failing = new Service() {
            @Override
            public void start() {
                registeredDuringTheRun.set(jvms.shutdownHookInstalled());
                throw failure;
            }
        };

        assertThat(catchThrowable(() -> jvms.run(failing))).isSameAs(failure);

        assertThat(registeredDuringTheRun).as("while it ran").isTrue();
        assertThat(jvms.shutdownHookInstalled()).as("after").isFalse();
    }

    @Test
    void turnedOffItIsRemovedAtOnceAndNeverRegisteredAgain() throws Exception {
        Running<NamedService> held = jvms.start(named("db"));

        jvms.shutdownHook(false);

        assertThat(jvms.shutdownHookInstalled()).as("held, turned off").isFalse();
        Running<NamedService> another = jvms.start(named("cache"));
        assertThat(jvms.shutdownHookInstalled()).as("a start while off").isFalse();
        another.close();
        held.close();
    }

    @Test
    void turnedOnAgainItIsRegisteredAtOnceIfARootIsHeld() throws Exception {
        var off = new Engine(new ThreadPerStrand(), false);
        Running<NamedService> held = off.start(named("db"));
        assertThat(off.shutdownHookInstalled()).as("made off").isFalse();

        off.shutdownHook(true);

        assertThat(off.shutdownHookInstalled()).as("held, turned on").isTrue();
        held.close();
        assertThat(off.shutdownHookInstalled()).as("closed").isFalse();
        off.shutdownHook(false);
        off.shutdownHook(true);
        assertThat(off.shutdownHookInstalled()).as("turned on with nothing held").isFalse();
    }

    @Test
    void neverOnAnEngineMadeByHand() throws Exception {
        var engine = new Engine(new ThreadPerStrand());

        engine.start(named("db")).close();

        assertThat(engine.shutdownHookInstalled()).isFalse();
    }
}
