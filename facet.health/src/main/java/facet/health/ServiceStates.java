package facet.health;

import facet.api.LifecycleEvent;
import facet.api.LifecycleListener;
import facet.api.Service;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The services the endpoint has seen start since its own start, and where each is, as their
 * lifecycle events tell: a check per service in every answer. Services started before the
 * endpoint (of another root) are not seen; their roots still are ({@link RootsView}).
 */
final class ServiceStates implements LifecycleListener {

    /** Where a service is. */
    enum State {
        /** Its {@code start()} was called and has not returned. */
        STARTING,
        /** Its {@code start()} returned, and its {@code stop()} has not been called. */
        RUNNING,
        /** Its {@code stop()} was called and has not returned. */
        STOPPING
    }

    /**
     * One service seen.
     *
     * @param name its name, as in facet's messages
     * @param state where it is
     * @param crashed whether a task of it failed while it ran: its stack crashed
     */
    record ServiceView(String name, State state, boolean crashed) {}

    /** Services by identity, as facet knows them; in the order first seen. Guarded by this. */
    private final IdentityHashMap<Service, ServiceView> services = new IdentityHashMap<>();
    private final List<Service> order = new ArrayList<>();
    /**
     * The names liveness is DOWN for, for good: services that crashed, and services whose stop
     * was abandoned past its deadline. Shared with the endpoint, which adds crashed roots.
     */
    private final Set<String> failures;

    ServiceStates(Set<String> failures) {
        this.failures = failures;
    }

    @Override
    public synchronized void onEvent(LifecycleEvent event) {
        Service service = event.service();
        switch (event) {
            case LifecycleEvent.Starting starting -> put(service, starting.name(), State.STARTING);
            case LifecycleEvent.Started started -> put(service, started.name(), State.RUNNING);
            case LifecycleEvent.Stopping stopping ->
                    put(service, stopping.name(), State.STOPPING);
            case LifecycleEvent.StartFailed failed -> remove(service);
            case LifecycleEvent.Stopped stopped -> remove(service);
            case LifecycleEvent.StopFailed failed -> remove(service);
            case LifecycleEvent.TaskFailed failed -> {
                ServiceView seen = services.get(service);
                if (seen != null && seen.state() == State.RUNNING) { // else a stop's failure
                    services.put(service, new ServiceView(seen.name(), seen.state(), true));
                    failures.add(seen.name());
                }
            }
            case LifecycleEvent.StopAbandoned abandoned -> failures.add(abandoned.name());
        }
    }

    private void put(Service service, String name, State state) {
        ServiceView seen = services.put(service, new ServiceView(name, state, false));
        if (seen == null) {
            order.add(service);
        } else if (seen.crashed()) { // a crash is for the rest of this run of the service
            services.put(service, new ServiceView(name, state, true));
        }
    }

    @SuppressWarnings("ReferenceEquality") // by identity, as facet knows services
    private void remove(Service service) {
        if (services.remove(service) != null) {
            order.removeIf(each -> each == service);
        }
    }

    /**
     * The services seen running that implement {@link HealthCheck}, each a readiness check under
     * its own name, in the order first seen.
     */
    synchronized List<UserCheck> checks() {
        var checks = new ArrayList<UserCheck>(0);
        for (Service service : order) {
            ServiceView seen = Objects.requireNonNull(services.get(service));
            if (seen.state() == State.RUNNING && service instanceof HealthCheck check) {
                checks.add(new UserCheck(seen.name(), check, false, true));
            }
        }
        return checks;
    }

    /** The services seen and not stopped, in the order first seen. */
    synchronized List<ServiceView> now() {
        var now = new ArrayList<ServiceView>(order.size());
        for (Service service : order) {
            now.add(Objects.requireNonNull(services.get(service)));
        }
        return now;
    }
}
