package facet.testkit;

import facet.api.LifecycleReport;
import facet.api.Running;
import facet.api.Service;
import java.util.concurrent.CompletableFuture;

/** A hold that records what its caller does with it: {@code caller close}, {@code caller await}. */
@SuppressWarnings("try") // close() may throw InterruptedException: it waits, interruptibly
final class JournaledRunning<S extends Service> implements Running<S> {

    private final Running<S> running;
    private final CallerJournal journal;
    private final String name;

    JournaledRunning(Running<S> running, CallerJournal journal, String name) {
        this.running = running;
        this.journal = journal;
        this.name = name;
    }

    @Override
    public S service() {
        return running.service();
    }

    @Override
    public void await() throws Exception {
        journal.call(name, "await", "awaited", running::await);
    }

    @Override
    public CompletableFuture<Void> onExit() {
        return running.onExit();
    }

    @Override
    public LifecycleReport report() {
        return running.report();
    }

    @Override
    public void close() throws Exception {
        journal.call(name, "close", "closed", running::close);
    }

    @Override
    public String toString() {
        return running.toString();
    }
}
