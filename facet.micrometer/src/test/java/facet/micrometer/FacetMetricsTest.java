package facet.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import facet.api.Dependencies;
import facet.api.Facet;
import facet.api.LifecycleEvent;
import facet.api.Running;
import facet.api.Service;
import facet.api.Task;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link FacetMetrics} records in a real {@link SimpleMeterRegistry}, from real starts and
 * stops on the virtual-thread backend. Each test closes what it started, so the next one's gauge
 * starts from nothing.
 */
// Running.close() may throw InterruptedException, which the "try" lint flags in every
// try-with-resources; and a resource held for its block alone is not referenced in it
@SuppressWarnings("try")
@Timeout(value = 30, unit = TimeUnit.SECONDS) // every test starts services on other threads
class FacetMetricsTest {

    private static final String START = "facet.service.start";
    private static final String STOP = "facet.service.stop";
    private static final String TASK_FAILURES = "facet.task.failures";
    private static final String RUNNING = "facet.services.running";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FacetMetrics metrics = new FacetMetrics();

    @AfterEach
    void closeTheMetrics() {
        metrics.close();
    }

    @Test
    void aGraphStartedAndClosedIsTimedOncePerServiceAndHook() throws Exception {
        metrics.bindTo(registry);
        var db = TestService.named("db");
        var app = TestService.named("app").dependsOn(Dependencies.of(db));

        Facet.start(app).close();

        assertThat(count(registry, START, "db", "started")).isEqualTo(1);
        assertThat(count(registry, START, "app", "started")).isEqualTo(1);
        assertThat(count(registry, STOP, "db", "stopped")).isEqualTo(1);
        assertThat(count(registry, STOP, "app", "stopped")).isEqualTo(1);
        assertThat(registry.find(START).tag("outcome", "failed").timers()).isEmpty();
        assertThat(registry.find(STOP).tag("outcome", "failed").timers()).isEmpty();
        assertThat(registry.find(TASK_FAILURES).counters()).isEmpty();
    }

    @Test
    void theTimersRecordTheDurationsTheEventsCarry() throws Exception {
        metrics.bindTo(registry);
        var told = new ConcurrentHashMap<String, Long>(); // "timer service" -> nanoseconds
        var db = TestService.named("db");
        var app = TestService.named("app").dependsOn(Dependencies.of(db));

        try (var registration = Facet.addListener(event -> {
            switch (event) {
                case LifecycleEvent.Started started ->
                        told.put(START + " " + started.name(), started.duration().toNanos());
                case LifecycleEvent.Stopped stopped ->
                        told.put(STOP + " " + stopped.name(), stopped.duration().toNanos());
                default -> { }
            }
        })) {
            Facet.start(app).close();
        }

        var recorded = new HashMap<String, Long>();
        for (String service : List.of("db", "app")) {
            recorded.put(START + " " + service, totalNanos(START, service, "started"));
            recorded.put(STOP + " " + service, totalNanos(STOP, service, "stopped"));
        }
        assertThat(recorded).isEqualTo(told);
    }

    @Test
    void aStartThatThrowsIsTimedAsFailedAndWhatStartedIsStoppedAndTimed() {
        metrics.bindTo(registry);
        var cache = TestService.named("cache");
        var db = TestService.named("db").onStart(() -> {
            throw new IOException("connection refused");
        });
        var app = TestService.named("app").dependsOn(Dependencies.of(cache, db));

        assertThatThrownBy(() -> Facet.start(app)).hasMessage("connection refused");

        assertThat(count(registry, START, "db", "failed")).isEqualTo(1);
        assertThat(count(registry, START, "db", "started")).isZero();
        assertThat(count(registry, START, "cache", "started")).isEqualTo(1);
        assertThat(count(registry, STOP, "cache", "stopped")).isEqualTo(1);
        assertThat(registry.find(START).tag("service", "app").timers())
                .as("app's start() is never called").isEmpty();
        assertThat(registry.find(STOP).tag("service", "db").timers())
                .as("a service whose start() threw is not stopped").isEmpty();
        assertThat(running(registry)).isZero();
    }

    @Test
    void aStopThatThrowsIsTimedAsFailed() throws Exception {
        metrics.bindTo(registry);
        var db = TestService.named("db").onStop(() -> {
            throw new IOException("flush failed");
        });
        var app = TestService.named("app").dependsOn(Dependencies.of(db));
        Running<TestService> running = Facet.start(app);

        assertThatThrownBy(running::close).hasMessage("flush failed");

        assertThat(count(registry, STOP, "db", "failed")).isEqualTo(1);
        assertThat(count(registry, STOP, "db", "stopped")).isZero();
        assertThat(count(registry, STOP, "app", "stopped")).isEqualTo(1);
        assertThat(running(registry)).isZero();
    }

    @Test
    void aTaskThatFailsIsCountedAndATaskCancelledByTheStopIsNot() throws Exception {
        metrics.bindTo(registry);
        var release = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var waiting = new CountDownLatch(1);
        var ended = new CountDownLatch(1);
        var sleeper = TestService.named("sleeper");
        sleeper.onStart(() -> {
            Future<?> unused = sleeper.addTask((Task) () -> {
                waiting.countDown();
                try {
                    never.await();
                } finally {
                    ended.countDown();
                }
            });
        });
        var worker = TestService.named("worker").dependsOn(Dependencies.of(sleeper))
                .startsATaskThatFails(release, "lost the queue");

        try (var running = Facet.start(worker)) {
            waiting.await();
            assertThat(registry.find(TASK_FAILURES).counters())
                    .as("no task failed yet").isEmpty();
            release.countDown();
            assertThatThrownBy(running::await).hasMessage("lost the queue");
        }

        assertThat(ended.getCount()).as("the stop interrupted the sleeper's task").isZero();

        assertThat(registry.get(TASK_FAILURES).tag("service", "worker").counter().count())
                .isEqualTo(1);
        assertThat(registry.find(TASK_FAILURES).tag("service", "sleeper").counters())
                .as("the sleeper's task ended by its cancellation, which is no failure")
                .isEmpty();
    }

    @Test
    void theGaugeCountsTheServicesStartedAndLosesEachAsItsStopBegins() throws Exception {
        metrics.bindTo(registry);
        var stopBegan = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var db = TestService.named("db");
        var cache = TestService.named("cache");
        var app = TestService.named("app").dependsOn(Dependencies.parallel(db, cache))
                .onStop(() -> {
                    stopBegan.countDown();
                    release.await();
                });
        assertThat(running(registry)).isZero();
        Running<TestService> running = Facet.start(app);
        assertThat(running(registry)).isEqualTo(3);

        var closing = new FutureTask<@Nullable Void>(() -> {
            running.close();
            return null;
        });
        Thread.ofPlatform().name("closing").start(closing);
        stopBegan.await();
        assertThat(running(registry))
                .as("app is stopping; its dependencies still run").isEqualTo(2);
        release.countDown();
        closing.get();

        assertThat(running(registry)).isZero();
    }

    @Test
    void servicesRunningBeforeTheBindingAreNotCountedAndNeverMakeTheGaugeNegative()
            throws Exception {
        var db = TestService.named("db");
        var app = TestService.named("app").dependsOn(Dependencies.of(db));
        Running<TestService> early = Facet.start(app);
        metrics.bindTo(registry);
        assertThat(running(registry)).isZero();

        early.close();
        assertThat(running(registry)).isZero();
        assertThat(count(registry, STOP, "db", "stopped"))
                .as("their stops are timed all the same").isEqualTo(1);
        assertThat(registry.find(START).timers()).isEmpty();

        try (var again = Facet.start(app)) {
            assertThat(running(registry)).isEqualTo(2);
        }
        assertThat(running(registry)).isZero();
    }

    @Test
    void servicesStartingAndStoppingTogetherAreEachCounted() throws Exception {
        metrics.bindTo(registry);
        var parts = new ArrayList<Service>();
        for (int i = 0; i < 32; i++) {
            parts.add(TestService.named("part-" + i));
        }
        var app = TestService.named("app").dependsOn(Dependencies.parallel(parts));

        try (var running = Facet.start(app)) {
            assertThat(running(registry)).isEqualTo(33);
        }

        assertThat(running(registry)).isZero();
        for (Service part : parts) {
            assertThat(count(registry, START, part.toString(), "started")).isEqualTo(1);
            assertThat(count(registry, STOP, part.toString(), "stopped")).isEqualTo(1);
        }
    }

    @Test
    void closeRemovesTheListenerAndTheGaugeNoLongerKnows() throws Exception {
        metrics.bindTo(registry);
        var db = TestService.named("db");
        Facet.start(db).close();
        assertThat(count(registry, START, "db", "started")).isEqualTo(1);

        metrics.close();
        try (var running = Facet.start(db)) {
            assertThat(running(registry)).isNaN();
        }

        assertThat(count(registry, START, "db", "started")).isEqualTo(1);
        assertThat(count(registry, STOP, "db", "stopped")).isEqualTo(1);
        assertThat(running(registry)).isNaN();
    }

    @Test
    void closingTwiceDoesNothingAndAClosedBinderCannotBeBound() {
        metrics.bindTo(registry);
        metrics.close();
        metrics.close();

        var other = new SimpleMeterRegistry();
        assertThatThrownBy(() -> metrics.bindTo(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this FacetMetrics is closed: bind a new one instead");
        assertThat(other.getMeters()).isEmpty();
    }

    @Test
    void everyRegistryBoundRecordsEveryEvent() throws Exception {
        var other = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.bindTo(other);
        var db = TestService.named("db");

        try (var running = Facet.start(db)) {
            assertThat(running(registry)).isEqualTo(1);
            assertThat(running(other)).isEqualTo(1);
        }

        for (MeterRegistry each : List.of(registry, other)) {
            assertThat(count(each, START, "db", "started")).isEqualTo(1);
            assertThat(count(each, STOP, "db", "stopped")).isEqualTo(1);
            assertThat(running(each)).isZero();
        }
    }

    @Test
    void bindingARegistryAgainRecordsEachEventOnce() throws Exception {
        metrics.bindTo(registry);
        metrics.bindTo(registry);

        Facet.start(TestService.named("db")).close();

        assertThat(registry.find(RUNNING).gauges()).hasSize(1);
        assertThat(count(registry, START, "db", "started")).isEqualTo(1);
        assertThat(count(registry, STOP, "db", "stopped")).isEqualTo(1);
    }

    @Test
    void everyMeterHasADescription() throws Exception {
        metrics.bindTo(registry);
        var release = new CountDownLatch(1);
        var worker = TestService.named("worker").startsATaskThatFails(release, "lost the queue");
        try (var running = Facet.start(worker)) {
            release.countDown();
            assertThatThrownBy(running::await).hasMessage("lost the queue");
        }

        var descriptions = new TreeMap<String, String>();
        registry.forEachMeter(meter -> descriptions.put(meter.getId().getName(),
                Objects.requireNonNullElse(meter.getId().getDescription(), "")));
        assertThat(descriptions).containsOnlyKeys(START, STOP, TASK_FAILURES, RUNNING);
        assertThat(descriptions.values()).allSatisfy(description ->
                assertThat(description).isNotBlank());
    }

    // ------------------------------------------------------------------ reading the meters

    /** How many times the timer recorded; zero if it does not exist. */
    private static long count(MeterRegistry registry, String timer, String service,
            String outcome) {
        @Nullable Timer found =
                registry.find(timer).tags("service", service, "outcome", outcome).timer();
        return found == null ? 0 : found.count();
    }

    private long totalNanos(String timer, String service, String outcome) {
        return (long) registry.get(timer).tags("service", service, "outcome", outcome).timer()
                .totalTime(TimeUnit.NANOSECONDS);
    }

    private static double running(MeterRegistry registry) {
        return registry.get(RUNNING).gauge().value();
    }
}
