package facet.benchmarks.coldstart;

import com.google.common.util.concurrent.AbstractService;
import com.google.common.util.concurrent.ServiceManager;
import java.util.ArrayList;

/**
 * One cold start of Guava's {@code ServiceManager}: the same 20 no-op services (Guava has no
 * dependencies, so all at once), started and stopped once. Prints the nanoseconds from the first
 * line of {@code main} to all stopped.
 */
public final class GuavaColdStart {

    private GuavaColdStart() {}

    /**
     * Starts and stops the services once, and prints the time it took.
     *
     * @param args none
     */
    public static void main(String[] args) {
        long began = System.nanoTime();
        var services = new ArrayList<NoOp>(Levels.SERVICES);
        for (int id = 0; id < Levels.SERVICES; id++) {
            services.add(new NoOp());
        }
        var manager = new ServiceManager(services);
        manager.startAsync().awaitHealthy();
        manager.stopAsync().awaitStopped();
        System.out.println(System.nanoTime() - began);
    }

    /** Hooks that do nothing, on the caller's thread: Guava's cheapest service. */
    private static final class NoOp extends AbstractService {
        @Override
        protected void doStart() {
            notifyStarted();
        }

        @Override
        protected void doStop() {
            notifyStopped();
        }
    }
}
