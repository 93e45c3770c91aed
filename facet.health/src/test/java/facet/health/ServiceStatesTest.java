package facet.health;

import static org.assertj.core.api.Assertions.assertThat;

import facet.api.LifecycleEvent;
import facet.api.Service;
import facet.health.ServiceStates.ServiceView;
import facet.health.ServiceStates.State;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The services' states, from their lifecycle events alone. */
class ServiceStatesTest {

    private final Set<String> failures = new LinkedHashSet<>();
    private final ServiceStates states = new ServiceStates(failures);
    private final Service db = new Service() { };
    private final Service api = new Service() { };

    @Test
    void eachServiceIsFollowedFromItsStartToItsStopInTheOrderFirstSeen() {
        states.onEvent(new LifecycleEvent.Starting(db, "db"));
        assertThat(states.now()).containsExactly(new ServiceView("db", State.STARTING, false));

        states.onEvent(new LifecycleEvent.Started(db, "db", Duration.ZERO));
        states.onEvent(new LifecycleEvent.Starting(api, "api"));
        states.onEvent(new LifecycleEvent.Started(api, "api", Duration.ZERO));
        assertThat(states.now()).containsExactly(new ServiceView("db", State.RUNNING, false),
                new ServiceView("api", State.RUNNING, false));

        states.onEvent(new LifecycleEvent.Stopping(api, "api"));
        assertThat(states.now()).contains(new ServiceView("api", State.STOPPING, false));
        states.onEvent(new LifecycleEvent.Stopped(api, "api", Duration.ZERO));
        states.onEvent(new LifecycleEvent.Stopping(db, "db"));
        states.onEvent(new LifecycleEvent.StopFailed(db, "db", Duration.ZERO,
                new IOException("stop failed")));
        assertThat(states.now()).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    void aStartThatFailedLeavesNoCheck() {
        states.onEvent(new LifecycleEvent.Starting(db, "db"));
        states.onEvent(new LifecycleEvent.StartFailed(db, "db", Duration.ZERO,
                new IOException("start failed")));

        assertThat(states.now()).isEmpty();
    }

    @Test
    void aTaskFailingWhileItsServiceRunsIsACrashForGoodButNotWhileItStops() {
        states.onEvent(new LifecycleEvent.Started(db, "db", Duration.ZERO));
        states.onEvent(new LifecycleEvent.Started(api, "api", Duration.ZERO));
        states.onEvent(new LifecycleEvent.TaskFailed(db, "db", new IOException("crash")));
        states.onEvent(new LifecycleEvent.Stopping(api, "api"));
        states.onEvent(new LifecycleEvent.TaskFailed(api, "api", new IOException("in stop")));

        assertThat(states.now()).containsExactly(new ServiceView("db", State.RUNNING, true),
                new ServiceView("api", State.STOPPING, false));
        assertThat(failures).containsExactly("db");

        states.onEvent(new LifecycleEvent.Stopping(db, "db"));
        assertThat(states.now()).first().isEqualTo(new ServiceView("db", State.STOPPING, true));
    }

    @Test
    void aStopAbandonedIsALivenessFailureForGood() {
        states.onEvent(new LifecycleEvent.Stopping(db, "db"));
        states.onEvent(new LifecycleEvent.StopAbandoned(db, "db", new StackTraceElement[0]));

        assertThat(failures).containsExactly("db");
    }
}
