package facet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import facet.api.Dependencies;
import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A service lives on one engine at a time, even if it moves while a start reads the graph. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SameEngineTest {

    private final Engine first = new Engine(new ThreadPerStrand());
    private final Engine second = new Engine(new ThreadPerStrand());

    /** A root on {@code shared}, then {@code mover}, which moves it: the first engine refuses. */
    private void assertRefused(Service shared, Service mover) {
        Service root = new Service() {
            @Override
            public Dependencies dependencies() {
                return Dependencies.of(shared).then(mover);
            }
        };
        assertThat(catchThrowable(() -> first.start(root)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shared is already live on another engine (test); a service lives on"
                        + " one engine at a time");
        assertThat(Engine.running(root)).isFalse();
    }

    @Test
    void aDependencyThatMovesToAnotherEngineWhileTheGraphIsReadIsRefused() throws Exception {
        Service shared = new Service() {
            @Override
            public String toString() {
                return "shared";
            }
        };
        Running<Service> onFirst = first.start(shared);
        var onSecond = new AtomicReference<@Nullable Running<Service>>();
        // read after shared was found running on the first engine: moves it to the second
        Service mover = new Service() {
            @Override
            public Dependencies dependencies() {
                try {
                    onFirst.close();
                    onSecond.set(second.start(shared));
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
                return Dependencies.none();
            }
        };
        try {
            assertRefused(shared, mover);
            assertThat(Engine.running(mover)).isFalse();
        } finally {
            Running<Service> moved = onSecond.get();
            if (moved != null) {
                moved.close();
            }
        }
    }

    @Test
    void aDependencyThatGoesLiveOnAnotherEngineWhileTheGraphIsReadIsRefusedEvenAsItStops()
            throws Exception {
        var stopping = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Service shared = new Service() {
            @Override
            public void stop() throws InterruptedException {
                stopping.countDown();
                release.await();
            }

            @Override
            public String toString() {
                return "shared";
            }
        };
        var closer = new AtomicReference<@Nullable Thread>();
        // read after shared, which was not live then: starts it on the second engine, and
        // has it stopping there when the first engine claims
        Service mover = new Service() {
            @Override
            public Dependencies dependencies() {
                try {
                    Running<Service> onSecond = second.start(shared);
                    closer.set(Thread.ofPlatform().start(() -> {
                        try {
                            onSecond.close();
                        } catch (Exception failed) {
                            throw new IllegalStateException(failed);
                        }
                    }));
                    stopping.await();
                } catch (Exception failed) {
                    throw new IllegalStateException(failed);
                }
                return Dependencies.none();
            }
        };
        try {
            assertRefused(shared, mover);
        } finally {
            release.countDown();
            Thread stopper = closer.get();
            if (stopper != null) {
                stopper.join();
            }
        }
        assertThat(Engine.running(mover)).isFalse();
    }
}
