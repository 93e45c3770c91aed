package facet.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@link Started}: services started around tests on a real backend, and what fails what. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StartedExtensionTest {

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
    }

    @BeforeEach
    void reset() {
        Samples.reset();
    }

    @Test
    void staticFieldsStartOnceInOrderAroundAllTestsAndStopInReverse() {
        var events = run(Samples.ClassWide.class);

        events.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
        events.testEvents().assertThatEvents().haveExactly(1, event(test("cannotTellWhichOfTwo"),
                finishedWithFailure(message(text -> text.contains("could be any of 2")))));
        // a parameter no started service fits is JUnit's ordinary "no resolver" failure
        events.testEvents().assertThatEvents().haveExactly(1, event(test("cannotHaveAService"),
                finishedWithFailure(message(text -> text.contains("No ParameterResolver")))));
        assertThat(Samples.EVENTS).containsExactly("database start", "cache start", "web start",
                "test", "web stop", "cache stop", "database stop");
    }

    @Test
    void instanceFieldsStartAroundEachTestAndAreInjectedByTypeOrAsRunning() {
        var events = run(Samples.PerTest.class);

        events.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(Samples.EVENTS).containsExactlyInAnyOrder("service start", "first",
                "service stop", "service start", "second", "service stop");
        assertThat(Samples.EVENTS).startsWith("service start").endsWith("service stop");
    }

    @Test
    void aStackThatCrashesDuringATestFailsThatTestWithTheCrash() {
        var events = run(Samples.CrashInATest.class);

        events.testEvents().assertThatEvents().haveExactly(1, event(test("crashes"),
                finishedWithFailure(instanceOf(IOException.class), message("crashing crashed"))));
        assertThat(Samples.EVENTS).containsExactly("crashing start", "crashing stop");
    }

    @Test
    void aClassWideStackThatCrashesDuringATestFailsThatTestNotTheClass() {
        var events = run(Samples.ClassWideCrash.class);

        events.testEvents().assertThatEvents().haveExactly(1, event(test("crashes"),
                finishedWithFailure(instanceOf(IOException.class), message("shared crashed"))));
        events.containerEvents().assertStatistics(stats -> stats.failed(0));
        assertThat(Samples.EVENTS).containsExactly("shared start", "shared stop");
    }

    @Test
    void aStopThatFailsAfterAllTestsFailsTheClass() {
        var events = run(Samples.StopFailsAfterAll.class);

        events.testEvents().assertStatistics(stats -> stats.succeeded(1));
        events.containerEvents().assertThatEvents().haveExactly(1, event(container(
                Samples.StopFailsAfterAll.class), finishedWithFailure(
                instanceOf(IllegalStateException.class), message("failing cannot stop"))));
    }

    @Test
    void aStartThatFailsFailsTheTestAndClosesWhatStartedBeforeIt() {
        var events = run(Samples.SecondStartFails.class);

        events.testEvents().assertThatEvents().haveExactly(1, event(test("never"),
                finishedWithFailure(instanceOf(IOException.class), message("second cannot start"))));
        assertThat(Samples.EVENTS).containsExactly("first start", "second start", "first stop");
    }

    @Test
    void aNullFieldIsAnErrorNamingIt() {
        var events = run(Samples.NullField.class);

        events.testEvents().assertThatEvents().haveExactly(1, event(test("never"),
                finishedWithFailure(message(text -> text.contains("NullField.missing is null")))));
        assertThat(Samples.EVENTS).isEmpty();
    }
}
