package facet.health;

import static facet.health.FakeRoots.crashed;
import static facet.health.FakeRoots.root;
import static org.assertj.core.api.Assertions.assertThat;

import facet.health.Probes.Snapshot;
import facet.health.Report.Check;
import facet.health.RootsView.Phase;
import facet.health.RootsView.RootView;
import facet.health.ServiceStates.ServiceView;
import facet.health.ServiceStates.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probes' rules, alone: one snapshot in, one answer out. */
class ProbesTest {

    private static Snapshot serving(RootView... roots) {
        return new Snapshot(true, false, List.of(roots), List.of(), List.of());
    }

    private static Report report(Probe probe, Snapshot snapshot) {
        return Probes.report(probe, snapshot, List.of());
    }

    @Test
    void everyProbeIsUpWhenEveryRootRuns() {
        var snapshot = serving(root("api", Phase.RUNNING), root("jobs", Phase.RUNNING));

        for (Probe probe : Probe.values()) {
            assertThat(report(probe, snapshot)).as("%s", probe).isEqualTo(new Report(true,
                    List.of(new Check("api", true), new Check("jobs", true))));
        }
    }

    @Test
    void withNoRootEveryProbeIsUpOnceTheEndpointStarted() {
        for (Probe probe : Probe.values()) {
            assertThat(report(probe, serving()).up()).as("%s", probe).isTrue();
        }
    }

    @Test
    void beforeItsOwnStartReturnedOnlyLivenessIsUp() {
        var snapshot = new Snapshot(false, false, List.of(root("api", Phase.RUNNING)), List.of(),
                List.of());

        assertThat(report(Probe.STARTED, snapshot).up()).isFalse();
        assertThat(report(Probe.READY, snapshot).up()).isFalse();
        assertThat(report(Probe.ALL, snapshot).up()).isFalse();
        assertThat(report(Probe.LIVE, snapshot).up()).isTrue();
    }

    @Test
    void aRootStartingIsNotStartedNorReadyButLive() {
        var snapshot = serving(root("api", Phase.RUNNING), root("jobs", Phase.STARTING));

        assertThat(report(Probe.STARTED, snapshot)).isEqualTo(new Report(false,
                List.of(new Check("api", true), new Check("jobs", false))));
        assertThat(report(Probe.READY, snapshot).up()).isFalse();
        assertThat(report(Probe.LIVE, snapshot).up()).isTrue();
        assertThat(report(Probe.ALL, snapshot).up()).isFalse();
    }

    @Test
    void aRootStoppingIsStartedAndLiveButNotReady() {
        var snapshot = serving(root("api", Phase.STOPPING));

        assertThat(report(Probe.STARTED, snapshot).up()).isTrue();
        assertThat(report(Probe.LIVE, snapshot).up()).isTrue();
        assertThat(report(Probe.READY, snapshot))
                .isEqualTo(new Report(false, List.of(new Check("api", false))));
        assertThat(report(Probe.ALL, snapshot).up()).isFalse();
    }

    @Test
    void aCrashedRootIsNeitherLiveNorReady() {
        var snapshot = serving(root("api", Phase.RUNNING), crashed("jobs"));

        assertThat(report(Probe.LIVE, snapshot)).isEqualTo(new Report(false,
                List.of(new Check("api", true), new Check("jobs", false))));
        assertThat(report(Probe.READY, snapshot).up()).isFalse();
        assertThat(report(Probe.STARTED, snapshot).up()).isTrue();
    }

    @Test
    void aDrainTurnsReadinessDownWithEveryRootStillUp() {
        var snapshot = new Snapshot(true, true, List.of(root("api", Phase.RUNNING)), List.of(),
                List.of());

        assertThat(report(Probe.READY, snapshot))
                .isEqualTo(new Report(false, List.of(new Check("api", true))));
        assertThat(report(Probe.ALL, snapshot).up()).isFalse();
        assertThat(report(Probe.LIVE, snapshot).up()).isTrue();
        assertThat(report(Probe.STARTED, snapshot).up()).isTrue();
    }

    @Test
    void aFailureSinceTheStartKeepsLivenessDownAndIsNamedWhenNoRootIs() {
        var snapshot = new Snapshot(true, false,
                List.of(root("api", Phase.RUNNING), root("jobs", Phase.RUNNING)), List.of(),
                List.of("jobs", "cache"));

        assertThat(report(Probe.LIVE, snapshot)).isEqualTo(new Report(false, List.of(
                new Check("api", true), new Check("jobs", false), new Check("cache", false))));
        assertThat(report(Probe.ALL, snapshot).up()).isFalse();
        assertThat(report(Probe.READY, snapshot).up())
                .as("readiness follows the roots as they are now").isTrue();
    }

    @Test
    void userChecksComeAfterTheRootsAndADownOneTurnsTheProbeDown() {
        var snapshot = serving(root("api", Phase.RUNNING));
        var user = List.of(new Check("database", true), new Check("queue", false));

        assertThat(Probes.report(Probe.READY, snapshot, user)).isEqualTo(new Report(false,
                List.of(new Check("api", true), new Check("database", true),
                        new Check("queue", false))));
        assertThat(Probes.report(Probe.LIVE, snapshot, List.of(new Check("database", true))))
                .isEqualTo(new Report(true,
                        List.of(new Check("api", true), new Check("database", true))));
    }

    @Test
    void eachServiceSeenIsACheckMergedWithItsRootAndBeforeTheRootsNotSeen() {
        var snapshot = new Snapshot(true, false,
                List.of(root("api", Phase.RUNNING), root("batch", Phase.RUNNING)),
                List.of(service("db", State.RUNNING, false), service("api", State.RUNNING, false)),
                List.of());

        assertThat(report(Probe.READY, snapshot)).isEqualTo(new Report(true, List.of(
                new Check("db", true), new Check("api", true), new Check("batch", true))));
    }

    @Test
    void aServiceStartingIsNotStartedAndOneStoppingIsNotReady() {
        var snapshot = new Snapshot(true, false, List.of(root("api", Phase.STARTING)),
                List.of(service("db", State.STOPPING, false),
                        service("api", State.STARTING, false)),
                List.of());

        assertThat(report(Probe.STARTED, snapshot)).isEqualTo(new Report(false, List.of(
                new Check("db", true), new Check("api", false))));
        assertThat(report(Probe.READY, snapshot).checks()).containsExactly(
                new Check("db", false), new Check("api", false));
        assertThat(report(Probe.LIVE, snapshot).up()).isTrue();
    }

    @Test
    void aServiceThatCrashedIsDownOnEveryProbeButStarted() {
        var snapshot = new Snapshot(true, false, List.of(root("api", Phase.RUNNING)),
                List.of(service("db", State.RUNNING, true), service("api", State.RUNNING, false)),
                List.of("db"));

        assertThat(report(Probe.STARTED, snapshot).up()).isTrue();
        assertThat(report(Probe.READY, snapshot).checks()).contains(new Check("db", false));
        assertThat(report(Probe.LIVE, snapshot)).isEqualTo(new Report(false, List.of(
                new Check("db", false), new Check("api", true))));
    }

    private static ServiceView service(String name, State state, boolean crashed) {
        return new ServiceView(name, state, crashed);
    }
}
