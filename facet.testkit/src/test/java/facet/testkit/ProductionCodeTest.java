package facet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.Running;
import facet.api.Service;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Services written for production, which wait and read the time only through facet, run
 * unchanged in a simulation: their sleeps and clock are virtual there, their futures are waited
 * for through the scheduler, a tree they start themselves starts in the same simulation, and
 * what the engine logs about them is kept in the result, not printed.
 *
 * <p>The watchdog is short here: a wait the scheduler cannot see ends the run in seconds, as a
 * failure of the test, rather than at the default ten.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProductionCodeTest {

    private static final Duration WATCHDOG = Duration.ofSeconds(2);

    /** Connects with a back-off, on facet's time, and notes when it got there. */
    static final class Connection implements Service {
        private final Clock clock = Facet.clock(); // made before any simulation: reads it anyway
        private final int failedAttempts;
        volatile @Nullable Instant connectedAt;

        Connection(int failedAttempts) {
            this.failedAttempts = failedAttempts;
        }

        @Override
        public void start() throws Exception {
            for (int attempt = 0; attempt < failedAttempts; attempt++) {
                Facet.sleep(Duration.ofSeconds(1L << attempt));
            }
            connectedAt = clock.instant();
        }
    }

    @Test
    void sleepAndClockAreVirtualOnAStrandOfASimulation() throws Exception {
        var connection = new Connection(3);

        var result = Simulation.seeded(1).watchdog(WATCHDOG).run(facet -> {
            facet.start(connection).close();
            return Facet.clock().instant();
        }).orThrow();

        // 1 + 2 + 4 seconds of back-off, in virtual time, from the simulation's epoch
        assertThat(connection.connectedAt).isEqualTo(Instant.EPOCH.plusSeconds(7));
        assertThat(result).isEqualTo(Instant.EPOCH.plusSeconds(7));
    }

    @Test
    void sleepAndClockAreRealOffAStrand() throws Exception {
        Instant before = Instant.now();
        Facet.sleep(Duration.ofMillis(1));
        Instant read = Facet.clock().instant();

        assertThat(read).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
        assertThat(Facet.clock().getZone()).hasToString("Z");
        assertThat(Facet.clock().withZone(java.time.ZoneId.of("Europe/Paris")).instant())
                .isAfterOrEqualTo(read);
    }

    @Test
    void aTreeAHookStartsStartsInTheSameSimulation() throws Exception {
        var journal = new Journal();
        var inner = ScriptedService.named("inner", journal)
                .onStart(Action.sleep(Duration.ofHours(1)));
        var outer = new Service() {
            @Nullable Running<ScriptedService> held;

            @Override
            public void start() throws Exception {
                held = Facet.start(inner); // not the JVM's engine: this simulation's
            }

            @Override
            public void stop() throws Exception {
                Running<ScriptedService> running = held;
                if (running != null) {
                    running.close();
                }
            }
        };

        var result = Simulation.seeded(2).journal(journal).watchdog(WATCHDOG).run(facet -> {
            facet.start(outer).close();
            return null;
        });

        assertThat(result.thrown()).isNull();
        // the hour passed in virtual time, and the journal saw the inner tree run in it
        assertThat(result.virtualTime()).isGreaterThanOrEqualTo(Duration.ofHours(1));
        assertThat(journal.lines()).containsSubsequence("inner start", "inner started",
                "inner stop", "inner stopped");
        assertThat(journal.entries()).allSatisfy(entry -> assertThat(entry.virtual()).isTrue());
        assertThat(inner.running()).isFalse();
    }

    @Test
    void aHookThatRunsATreeToItsEndStaysInTheSimulation() throws Exception {
        var journal = new Journal();
        var worker = ScriptedService.named("worker", journal);
        var runner = new Service() {
            @Override
            public void start() throws Exception {
                var running = Facet.startAsync(worker).get(); // through the scheduler
                running.service().addScriptedTask(Action.sleep(Duration.ofMinutes(1)));
                Facet.sleep(Duration.ofMinutes(2));
                running.close();
                Facet.run(ScriptedService.named("brief", journal)
                        .onStart(Action.fail(new IllegalStateException("brief ends at once"))));
            }
        };

        var result = Simulation.seeded(3).journal(journal).watchdog(WATCHDOG).run(facet -> {
            facet.start(runner).close();
            return null;
        });

        assertThat(result.thrown()).isInstanceOf(IllegalStateException.class)
                .hasMessage("brief ends at once");
        assertThat(journal.lines()).containsSubsequence("worker start", "worker started",
                "worker stop", "worker stopped", "brief start", "brief start failed");
        assertThat(result.virtualTime()).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void onExitAndStartAsyncFuturesAreWaitedForThroughTheScheduler() throws Exception {
        var crash = new IllegalStateException("the cache lost its database");
        var journal = new Journal();
        var cache = ScriptedService.named("cache", journal);

        var result = Simulation.seeded(4).journal(journal).watchdog(WATCHDOG).run(facet -> {
            CompletableFuture<Running<ScriptedService>> starting = Facet.startAsync(cache);
            Running<ScriptedService> running = starting.join();
            // a dependent stage waits through the scheduler too
            CompletableFuture<String> exited = running.onExit().handle(
                    (done, failure) -> failure == null ? "stopped" : failure.getMessage());
            running.service().addScriptedTask(service -> {
                Facet.sleep(Duration.ofSeconds(30));
                throw crash;
            });
            var failure = catchThrowableOfType(ExecutionException.class,
                    () -> running.onExit().get());
            String seen = exited.get();
            try {
                running.close();
            } catch (IllegalStateException closedWithTheCrash) {
                assertThat(closedWithTheCrash).isSameAs(crash);
            }
            return List.of(failure.getCause(), seen);
        });

        assertThat(result.thrown()).isNull();
        assertThat(result.value()).first().isSameAs(crash);
        // a stage made from onExit() sees the crash wrapped, as CompletableFuture's stages do
        assertThat(result.value()).last().asString().endsWith("the cache lost its database");
        assertThat(result.virtualTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aTimedWaitOnAFutureTimesOutInVirtualTime() throws Exception {
        var journal = new Journal();
        var slow = ScriptedService.named("slow", journal).onStart(Action.sleep(Duration.ofHours(2)));

        var result = Simulation.seeded(5).journal(journal).watchdog(WATCHDOG).run(facet -> {
            CompletableFuture<Running<ScriptedService>> starting = Facet.startAsync(slow);
            var late = catchThrowableOfType(TimeoutException.class,
                    () -> starting.get(1, TimeUnit.HOURS));
            starting.get().close(); // the other hour
            return late;
        });

        assertThat(result.thrown()).isNull();
        assertThat(result.value()).hasMessageContaining("1 hours");
        assertThat(result.virtualTime()).isGreaterThanOrEqualTo(Duration.ofHours(2));
    }

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void whatTheEngineLogsIsKeptInTheResult() throws Exception {
        var journal = new Journal();
        var crashing = ScriptedService.named("crashing", journal);

        var result = Simulation.seeded(6).journal(journal).watchdog(WATCHDOG).run(facet -> {
            try (var running = facet.start(crashing)) {
                running.service().addScriptedTask(
                        Action.fail(new IllegalStateException("disk full")));
                running.await();
            }
            return null;
        });

        assertThat(result.thrown()).hasMessage("disk full");
        assertThat(result.log()).anySatisfy(line -> assertThat(line)
                .startsWith("[0 ns] ERROR crashing")
                .endsWith("java.lang.IllegalStateException: disk full"));
        assertThat(result.log()).contains("[0 ns] DEBUG starting crashing");
        var report = catchThrowableOfType(SimulationException.class, result::orThrow);
        assertThat(report.log()).isEqualTo(result.log());
        assertThat(report.getMessage()).contains("\nlog (warnings and errors):\n  [0 ns] ERROR crashing")
                .endsWith("\nreplay: " + result.replay());
    }

    @Test
    @SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
    void dependenciesOfAServiceStartedByAHookAreTheSimulationsToo() throws Exception {
        var journal = new Journal();
        var database = ScriptedService.named("database", journal)
                .onStart(Action.sleep(Duration.ofSeconds(3)));
        var api = ScriptedService.named("api", journal).dependsOn(Dependencies.of(database));
        var gateway = new Service() {
            @Override
            public void start() throws Exception {
                try (var running = Facet.start(api)) {
                    assertThat(running.service().running()).isTrue();
                    assertThat(database.running()).isTrue();
                }
            }
        };

        var result = Simulation.seeded(7).journal(journal).watchdog(WATCHDOG).run(facet -> {
            facet.start(gateway).close();
            return null;
        });

        assertThat(result.thrown()).isNull();
        Invariants.of(gateway, api).check(journal);
        assertThat(result.virtualTime()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4));
    }
}
