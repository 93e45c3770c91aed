package facet.api;

import java.io.Serial;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a failure happened: the engine attaches one, with {@link Throwable#addSuppressed}, to
 * what a service's {@code start()}, {@code stop()} or task threw, before anyone else gets it. The
 * failure itself is handed on unchanged (the caller still gets the very instance that was
 * thrown); its stack trace then ends with a line that says where it came from:
 *
 * <pre>
 * java.io.IOException: connection refused
 *     at app.Database.start(Database.java:42)
 *     ...
 *     Suppressed: facet.api.FailureContext: start() of Database failed: api -&gt; cache -&gt; Database
 * </pre>
 *
 * <p>It has no stack trace of its own: the failure's says where in the code, this says where in
 * the tree. A failure whose suppression is disabled cannot carry it: the engine logs the context
 * at WARNING instead, with the failure. A failure thrown again, by another hook, gets one more.
 *
 * {@snippet file=facet/api/FailureContextSnippets.java region=find}
 */
public final class FailureContext extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The service whose code threw; not serialized. */
    private final transient Service service;
    /** Which of its code threw: {@code start}, {@code stop} or {@code task}. */
    private final String hook;
    /** The names of the services from a root down to it. */
    @SuppressWarnings("serial") // List.copyOf's lists are serializable
    private final List<String> path;

    /**
     * A context, for an engine: users find theirs under a failure's
     * {@linkplain Throwable#getSuppressed() suppressed} exceptions ({@link #of(Throwable)}).
     *
     * @param service the service whose code threw
     * @param hook {@code "start"}, {@code "stop"} or {@code "task"}
     * @param path the names of the services from a root down to it, the root first and the
     *     service last
     * @throws IllegalArgumentException if {@code hook} is none of the three, or {@code path} is
     *     empty
     */
    public FailureContext(Service service, String hook, List<String> path) {
        super(describe(hook, path), null, true, false);
        this.service = Objects.requireNonNull(service, "service");
        this.hook = hook;
        this.path = List.copyOf(path);
    }

    private static String describe(String hook, List<String> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a path names at least the service");
        }
        String name = path.get(path.size() - 1);
        String what = switch (hook) {
            case "start", "stop" -> hook + "() of " + name;
            case "task" -> "a task of " + name;
            default -> throw new IllegalArgumentException(
                    "a hook is start, stop or task, not " + hook);
        };
        return what + " failed: " + String.join(" -> ", path);
    }

    /**
     * The context the engine attached to {@code failure}, if it did: the first found among its
     * suppressed exceptions.
     *
     * @param failure what a hook or a task threw
     * @return its context, or {@code null} if it has none (it was thrown elsewhere, or it
     *     refused suppression)
     */
    public static @Nullable FailureContext of(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof FailureContext context) {
                return context;
            }
        }
        return null;
    }

    /**
     * The service whose code threw.
     *
     * @return the service; {@code null} only in a context read back from serialized form
     */
    public Service service() {
        return service;
    }

    /**
     * Which of its code threw.
     *
     * @return {@code "start"}, {@code "stop"} or {@code "task"}
     */
    public String hook() {
        return hook;
    }

    /**
     * Where the service sits: the names of the services from a root down to it. A service shared
     * by several dependents is named on the path through the first that claimed it.
     *
     * @return the names, the root first and the service last
     */
    public List<String> path() {
        return path;
    }
}
