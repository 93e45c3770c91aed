package facet.api;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/** Adapts a {@link Task} to a {@link Callable}, keeping its {@code toString()} for messages. */
record TaskCallable(Task task) implements Callable<@Nullable Void> {

    @Override
    public @Nullable Void call() throws Exception {
        task.run();
        return null;
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
