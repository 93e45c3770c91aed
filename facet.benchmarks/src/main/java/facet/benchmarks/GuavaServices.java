package facet.benchmarks;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.AbstractService;
import com.google.common.util.concurrent.Service;
import com.google.common.util.concurrent.ServiceManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Guava side of W1 and the cold start: no-op services Guava's two ways, and one start and
 * stop of a set.
 */
public final class GuavaServices {

    private GuavaServices() {}

    /** {@code n} fresh services: a Guava service cannot be started twice. */
    static List<Service> fresh(int n, Supplier<Service> make) {
        var fresh = new ArrayList<Service>(n);
        for (int at = 0; at < n; at++) {
            fresh.add(make.get());
        }
        return fresh;
    }

    /**
     * What W1 measures: the manager made, all started, all stopped.
     *
     * @param services fresh services
     */
    public static void startAndStop(List<? extends Service> services) {
        var manager = new ServiceManager(services);
        manager.startAsync().awaitHealthy();
        manager.stopAsync().awaitStopped();
    }

    /** The hooks of {@link NoOpService}, on the caller's thread. */
    public static final class NoOp extends AbstractService {

        /** A new service, not started. */
        public NoOp() {}

        @Override
        protected void doStart() {
            notifyStarted();
        }

        @Override
        protected void doStop() {
            notifyStopped();
        }
    }

    /** The same hooks, each on a new thread of Guava's. */
    static final class IdleNoOp extends AbstractIdleService {
        @Override
        protected void startUp() {}

        @Override
        protected void shutDown() {}
    }
}
