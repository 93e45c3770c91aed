package facet.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Service;
import facet.testkit.ScriptedService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R9: before any start(), a null dependency or a cycle is rejected with the path; depth and size
 * are bounded by memory only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ValidationTest extends Graphs {

    @Test
    void aCycleIsRejectedWithItsPathBeforeAnythingStarts() {
        var a = service("a");
        var b = service("b").dependsOn(Dependencies.of(a));
        a.dependsOn(Dependencies.of(b));

        assertThatThrownBy(() -> Facet.start(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: a -> b -> a");
        assertThat(journal.lines()).isEmpty();
    }

    @Test
    void aServiceThatDependsOnItselfIsACycle() {
        var a = service("a");
        a.dependsOn(Dependencies.of(a));

        assertThatThrownBy(() -> Facet.start(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: a -> a");
    }

    @Test
    void theMessageShowsOnlyTheCycleNotThePathToIt() {
        var x = service("x");
        var z = service("z").dependsOn(Dependencies.of(x));
        var y = service("y").dependsOn(Dependencies.of(z));
        x.dependsOn(Dependencies.of(y));
        var ok = service("ok");
        var root = service("root").dependsOn(Dependencies.of(ok).thenParallel(service("p"), x));

        assertThatThrownBy(() -> Facet.start(root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: x -> y -> z -> x");
        assertThat(journal.lines()).as("nothing started, not even ok").isEmpty();
    }

    @Test
    @SuppressWarnings("NullAway") // the null a user without NullAway could pass
    void aNullDependencyInALaterStepNamesThatStep() {
        var b = service("b").dependsOn(Dependencies.of(service("c")).then(service("d"), null));

        // of(c).then(d, null) lists c, d and null in three steps, one each
        assertThatThrownBy(() -> Facet.start(b)).isInstanceOf(NullPointerException.class)
                .hasMessage("null dependency: b -> null (in step 3 of b)");
        assertThat(journal.lines()).isEmpty();
    }

    @Test
    @SuppressWarnings("NullAway") // the null a user without NullAway could pass
    void aNullDependencyIsRejectedWithThePathToIt() {
        var b = service("b").dependsOn(Dependencies.of(service("c"), null));
        var a = service("a").dependsOn(Dependencies.of(b));

        assertThatThrownBy(() -> Facet.start(a)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("a -> b -> null");
        assertThat(journal.lines()).isEmpty();
    }

    @Test
    void dependenciesThatReturnNullAreRejected() {
        Service broken = new Service() {
            @Override
            @SuppressWarnings("NullAway") // what a careless user might do
            public Dependencies dependencies() {
                return nothing();
            }

            @Override
            public String toString() {
                return "broken";
            }
        };
        var a = service("a").dependsOn(Dependencies.of(broken));

        assertThatThrownBy(() -> Facet.start(a)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("broken.dependencies() returned null")
                .hasMessageContaining("a -> broken");
        assertThat(journal.lines()).isEmpty();
    }

    @SuppressWarnings({"NullAway", "TypeParameterUnusedInFormals"})
    private static <T> T nothing() {
        @Nullable T none = null;
        return none;
    }

    @Test
    void aNegativeTimeoutIsRejectedBeforeAnythingStarts() {
        var b = service("b").timeout(Duration.ofSeconds(-1));
        var a = service("a").dependsOn(Dependencies.of(b));

        assertThatThrownBy(() -> Facet.start(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b").hasMessageContaining("negative");
        assertThat(journal.lines()).isEmpty();
    }

    @Test
    void aNullServiceIsRejected() {
        assertThatThrownBy(() -> Facet.start(nothing())).isInstanceOf(NullPointerException.class);
    }

    /** Counts its hooks; a chain link holds the next one. */
    private static final class Link implements Service {
        private final @Nullable Link next;
        private final AtomicInteger started;
        private final AtomicInteger stopped;

        Link(@Nullable Link next, AtomicInteger started, AtomicInteger stopped) {
            this.next = next;
            this.started = started;
            this.stopped = stopped;
        }

        @Override
        public Dependencies dependencies() {
            return next == null ? Dependencies.none() : Dependencies.of(next);
        }

        @Override
        public void start() {
            if (next != null && !next.running()) {
                throw new IllegalStateException("started before its dependency");
            }
            started.incrementAndGet();
        }

        @Override
        public void stop() {
            stopped.incrementAndGet();
        }
    }

    @Test
    void aChainOfAHundredThousandStartsAndStopsOnASmallStack() throws Throwable {
        var started = new AtomicInteger();
        var stopped = new AtomicInteger();
        Link top = null;
        for (int index = 0; index < 100_000; index++) {
            top = new Link(top, started, stopped);
        }
        Link chain = java.util.Objects.requireNonNull(top);
        var failure = new AtomicReference<@Nullable Throwable>();
        // 256 KiB: far too little for one Java frame per link
        var caller = new Thread(null, () -> {
            try (var running = Facet.start(chain)) {
                assertThat(started).hasValue(100_000);
            } catch (Throwable failed) {
                failure.set(failed);
            }
        }, "small-stack", 256 * 1024);
        caller.start();
        caller.join();

        if (failure.get() != null) {
            throw failure.get();
        }
        assertThat(stopped).hasValue(100_000);
    }

    @Test
    void aWideStepOfTenThousandStartsAndStops() throws Exception {
        var started = new AtomicInteger();
        var stopped = new AtomicInteger();
        var step = new java.util.ArrayList<Service>();
        for (int index = 0; index < 10_000; index++) {
            step.add(new Link(null, started, stopped));
        }
        Service root = ScriptedService.named("root", journal).dependsOn(Dependencies.parallel(step));

        Facet.start(root).close();

        assertThat(started).hasValue(10_000);
        assertThat(stopped).hasValue(10_000);
    }

    /** A service whose toString() throws: it starts and stops all the same, by a fallback name. */
    static final class BadlyNamed implements Service {
        final AtomicInteger starts = new AtomicInteger();
        volatile Dependencies dependencies = Dependencies.none();

        @Override
        public void start() {
            starts.incrementAndGet();
        }

        @Override
        public Dependencies dependencies() {
            return dependencies;
        }

        @Override
        public String toString() {
            throw new IllegalStateException("x");
        }
    }

    private static String fallbackName(Service service) {
        return "BadlyNamed@" + Integer.toHexString(System.identityHashCode(service))
                + " (its toString() threw IllegalStateException)";
    }

    @Test
    void aToStringThatThrowsFailsNothing() throws Exception {
        var badly = new BadlyNamed();

        try (var running = Facet.start(badly)) {
            assertThat(badly.running()).isTrue();
            assertThat(running).hasToString("Running[" + fallbackName(badly) + "]");
        }
        assertThat(badly.starts).hasValue(1);
        assertThat(badly.running()).isFalse();
    }

    @Test
    void aCycleThroughAServiceWhoseToStringThrowsIsReportedAsTheCycle() {
        var badly = new BadlyNamed();
        var a = service("a").dependsOn(Dependencies.of(badly));
        badly.dependencies = Dependencies.of(a);

        assertThatThrownBy(() -> Facet.start(a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: a -> " + fallbackName(badly) + " -> a");
        assertThat(badly.starts).hasValue(0);
    }
}
