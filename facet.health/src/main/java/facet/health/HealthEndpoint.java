package facet.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import facet.api.Drainable;
import facet.api.Facet;
import facet.api.LifecycleListener;
import facet.api.Service;
import facet.health.Probes.Snapshot;
import facet.health.Report.Check;
import facet.health.RootsView.RootView;
import facet.health.ServiceStates.ServiceView;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Health probes over HTTP, shaped as MicroProfile Health, for the roots held in this JVM: a
 * {@link Service} to put first among a root's dependencies, so it answers before the rest starts
 * and until the rest has stopped.
 *
 * {@snippet file=facet/health/HealthEndpointSnippets.java region=firstDependency}
 *
 * <p>Its paths answer {@code GET} and {@code HEAD}, with 200 if UP and 503 if DOWN, and a JSON
 * body such as {@code {"status":"UP","checks":[{"name":"db","status":"UP"}]}}: one check per
 * service the endpoint saw start (its own tree's, as it starts first; named as in facet's
 * messages), one per root held that is not among them, and one per {@link HealthCheck}. Each
 * check is UP by the rule of its path, below, and the path is UP only if every check is:
 * <ul>
 *   <li>{@code /health/started}: UP once this endpoint's {@code start()} has returned and no
 *       root or service seen is starting;
 *   <li>{@code /health/ready}: UP while started, every root and service seen runs (none
 *       starting, stopping, or crashed), every readiness check is UP, and no drain has begun
 *       since the start;
 *   <li>{@code /health/live}: UP unless a root or service was seen crashed or a stop was
 *       abandoned past its graceful shutdown timeout since the start (both for good: only a
 *       restart helps), or a liveness check is DOWN;
 *   <li>{@code /health}: UP if all three are.
 * </ul>
 * Each request decides afresh; answers are never cached ({@code Cache-Control: no-store}). Other
 * methods get 405, other paths 404. Requests are served on virtual threads, so a slow or silent
 * client never delays another probe.
 *
 * <p>The drain: before the first {@code stop()} of the tree, the endpoint turns readiness DOWN
 * and waits the {@linkplain #drainTime(Duration) drain time}, so load balancers stop sending
 * traffic before anything stops serving it.
 */
public final class HealthEndpoint implements Service, Drainable {

    /** Where the endpoint is in its own life, besides not started (no {@link Life} at all). */
    private enum Stage {
        /** Bound and serving, but its {@code start()} has not returned. */
        STARTING,
        RUNNING,
        /** Readiness is DOWN for good, until the next start. */
        DRAINING
    }

    /**
     * What one start of the endpoint holds, replaced whole on every change.
     *
     * @param states the services seen since this start, from their lifecycle events
     * @param failures the names liveness is DOWN for, since this start: roots seen crashed, and
     *     services whose stop was abandoned
     */
    private record Life(HttpServer server, ExecutorService requests, CheckRunner checks,
            LifecycleListener.Registration listener, ServiceStates states, Set<String> failures,
            Stage stage) {

        Life at(Stage next) {
            return new Life(server, requests, checks, listener, states, failures, next);
        }

        /** Stops serving and releases the port; each step stands alone. */
        void close() {
            listener.close();
            server.stop(0);
            requests.shutdownNow();
            checks.close();
        }
    }

    private final InetSocketAddress requested;
    private final RootsView roots;
    private final AtomicReference<@Nullable Life> life = new AtomicReference<>();
    private volatile Duration drainTime = Duration.ZERO;
    private volatile Duration checkTimeout = Duration.ofSeconds(1);
    /** Copied on write, under this object's lock: each request reads one list. */
    private volatile List<UserCheck> checks = List.of();

    private HealthEndpoint(InetSocketAddress address, RootsView roots) {
        this.requested = Objects.requireNonNull(address, "address");
        this.roots = Objects.requireNonNull(roots, "roots");
    }

    /**
     * An endpoint that will listen on {@code address} once started. Port 0 picks a free port:
     * {@link #address()} tells which, once started.
     *
     * @param address where to listen, e.g. {@code new InetSocketAddress("0.0.0.0", 8081)}
     * @return the endpoint, not started
     */
    public static HealthEndpoint on(InetSocketAddress address) {
        return new HealthEndpoint(address, RootsView.FACET);
    }

    /** An endpoint whose probes follow {@code roots}: the engine's roots, or a test's. */
    static HealthEndpoint on(InetSocketAddress address, RootsView roots) {
        return new HealthEndpoint(address, roots);
    }

    /**
     * Sets how long readiness is DOWN before the first {@code stop()} of the tree: time for load
     * balancers to see it and send no more traffic. Zero (the default) does not wait.
     *
     * @param drainTime the wait, zero or more
     * @return this endpoint
     * @throws NullPointerException if {@code drainTime} is {@code null}
     * @throws IllegalArgumentException if {@code drainTime} is negative
     */
    public HealthEndpoint drainTime(Duration drainTime) {
        Objects.requireNonNull(drainTime, "drainTime");
        if (drainTime.isNegative()) {
            throw new IllegalArgumentException("drainTime must not be negative: " + drainTime);
        }
        this.drainTime = drainTime;
        return this;
    }

    /**
     * Sets how long a request waits for each {@link HealthCheck}: one that has not answered by
     * then is DOWN. The checks of one request run together, so the request waits about this long
     * at most, however many hang. One second by default.
     *
     * @param checkTimeout the wait, more than zero
     * @return this endpoint
     * @throws NullPointerException if {@code checkTimeout} is {@code null}
     * @throws IllegalArgumentException if {@code checkTimeout} is zero or negative
     */
    public HealthEndpoint checkTimeout(Duration checkTimeout) {
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("checkTimeout must be positive: " + checkTimeout);
        }
        this.checkTimeout = checkTimeout;
        return this;
    }

    /**
     * Adds a check to liveness ({@code /health/live} and {@code /health}): DOWN there means only
     * a restart helps, so keep it to what a restart fixes (a deadlock, a wedged pool).
     *
     * <p>Each name names one check. To count one check for both probes, register the same
     * {@link HealthCheck} object, under the same name, with this method and
     * {@link #readinessCheck(String, HealthCheck)}: {@code /health} then runs it once.
     *
     * {@snippet file=facet/health/HealthEndpointSnippets.java region=checks}
     *
     * @param name its name in the answers
     * @param check the check
     * @return this endpoint
     * @throws IllegalArgumentException if {@code name} already names another check, or this
     *     check already counts for liveness
     */
    public HealthEndpoint livenessCheck(String name, HealthCheck check) {
        return register(name, check, true);
    }

    /**
     * Adds a check to readiness ({@code /health/ready} and {@code /health}): DOWN there takes
     * this instance out of the load balancer until it is UP again, so this is where what it needs
     * (a database, a downstream service) is checked.
     *
     * <p>Each name names one check; see {@link #livenessCheck(String, HealthCheck)} for one
     * check that counts for both probes.
     *
     * @param name its name in the answers
     * @param check the check
     * @return this endpoint
     * @throws IllegalArgumentException if {@code name} already names another check, or this
     *     check already counts for readiness
     */
    public HealthEndpoint readinessCheck(String name, HealthCheck check) {
        return register(name, check, false);
    }

    private synchronized HealthEndpoint register(String name, HealthCheck check, boolean live) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        String probe = live ? "liveness" : "readiness";
        var next = new ArrayList<UserCheck>(checks);
        for (int i = 0; i < next.size(); i++) {
            UserCheck known = next.get(i);
            if (!known.name().equals(name)) {
                continue;
            }
            if (!known.check().equals(check)) {
                throw new IllegalArgumentException("another health check is named " + name
                        + ": to count one check for both probes, register the same object");
            }
            if (live ? known.live() : known.ready()) {
                throw new IllegalArgumentException(
                        "health check " + name + " already counts for " + probe);
            }
            next.set(i, new UserCheck(name, check, true, true));
            checks = List.copyOf(next);
            return this;
        }
        next.add(new UserCheck(name, check, live, !live));
        checks = List.copyOf(next);
        return this;
    }

    /**
     * Where the endpoint listens: once started, the address it is bound to (with the port chosen
     * if it was 0); else the address it was made with.
     *
     * @return the address
     */
    public InetSocketAddress address() {
        Life now = life.get();
        return now == null ? requested : now.server().getAddress();
    }

    /**
     * Binds the address and starts answering; until this returns, {@code /health/started} is
     * DOWN. Also listens to facet's lifecycle events, for stops abandoned past their deadline.
     *
     * @throws BindException if the address is in use or cannot be bound; the message names it
     * @throws IOException if the server cannot be made otherwise; the message names the address
     * @throws IllegalStateException if it is already started
     */
    @Override
    public void start() throws IOException {
        HttpServer server = bind(requested);
        Set<String> failures = new CopyOnWriteArraySet<>();
        var states = new ServiceStates(failures);
        LifecycleListener.Registration listener;
        try {
            listener = Facet.addListener(states);
        } catch (RuntimeException | Error noBackend) {
            server.stop(0);
            throw noBackend;
        }
        var starting = new Life(server, Executors.newVirtualThreadPerTaskExecutor(),
                new CheckRunner(), listener, states, failures, Stage.STARTING);
        if (!life.compareAndSet(null, starting)) {
            starting.close();
            throw new IllegalStateException(this + " is already started");
        }
        server.setExecutor(starting.requests());
        server.createContext("/", this::handle);
        server.start();
        // its start returns now; a drain that began meanwhile stays
        life.compareAndSet(starting, starting.at(Stage.RUNNING));
    }

    /** Stops answering and releases the port. Stopping a stopped endpoint does nothing. */
    @Override
    public void stop() {
        Life last = life.getAndSet(null);
        if (last != null) {
            last.close();
        }
    }

    /**
     * Turns readiness DOWN for the rest of this start, then waits the drain time on facet's time.
     * Facet calls it before the first {@code stop()} of the tree (see {@link Drainable}),
     * whatever began the stop: a {@code close()}, a crash, the JVM's shutdown; its time counts
     * within the graceful shutdown timeout of the service whose stop it precedes.
     *
     * @throws InterruptedException if interrupted while waiting (that stop's deadline passed);
     *     readiness stays DOWN
     */
    @Override
    public void drain() throws InterruptedException {
        Life draining;
        while (true) {
            Life now = life.get();
            if (now == null) {
                return; // not serving: nobody to tell, so nothing to wait for
            }
            if (now.stage() == Stage.DRAINING || life.compareAndSet(now, now.at(Stage.DRAINING))) {
                draining = now;
                break;
            }
        }
        // a crash that began this stop is seen now, whether or not a probe came meanwhile
        noteCrashes(draining, roots.now());
        Facet.sleep(drainTime);
    }

    /** Liveness is DOWN for good for each root of {@code held} that crashed. */
    private static void noteCrashes(Life life, List<RootView> held) {
        for (RootView root : held) {
            if (root.crashed()) {
                life.failures().add(root.name());
            }
        }
    }

    /**
     * Names the endpoint by its address, as facet's messages show it.
     *
     * @return {@code health endpoint on host:port}
     */
    @Override
    public String toString() {
        return "health endpoint on " + describe(address());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Probe probe = Probe.at(exchange.getRequestURI().getPath());
            if (probe == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Report report = report(probe);
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("Cache-Control", "no-store");
            int status = report.up() ? 200 : 503;
            if (head) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                byte[] body = report.toJson().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    /** The answer of {@code probe} now. */
    Report report(Probe probe) {
        Life running = life.get();
        List<UserCheck> counted = withServiceChecks(running).stream()
                .filter(probe::counts).toList();
        List<Check> user = running == null
                ? counted.stream().map(check -> new Check(check.name(), false)).toList()
                : running.checks().run(counted, checkTimeout);
        // the state is read after the checks ran, so a drain that began meanwhile shows
        Life now = life.get();
        List<RootView> held = roots.now();
        if (now == null) {
            return Probes.report(probe,
                    new Snapshot(false, true, held, List.of(), List.of()), user);
        }
        noteCrashes(now, held);
        // the services before the failures: a crash the services just heard of is among them
        List<ServiceView> services = now.states().now();
        var snapshot = new Snapshot(now.stage() != Stage.STARTING,
                now.stage() == Stage.DRAINING, held, services, List.copyOf(now.failures()));
        return Probes.report(probe, snapshot, user);
    }

    /**
     * The checks registered, then those of the services seen running that implement
     * {@link HealthCheck}, but for a service named as a check registered: that one is its.
     */
    private List<UserCheck> withServiceChecks(@Nullable Life running) {
        List<UserCheck> registered = checks;
        if (running == null) {
            return registered;
        }
        List<UserCheck> services = running.states().checks();
        if (services.isEmpty()) {
            return registered;
        }
        var all = new ArrayList<UserCheck>(registered);
        var names = new HashSet<String>();
        registered.forEach(check -> names.add(check.name()));
        for (UserCheck service : services) {
            if (names.add(service.name())) {
                all.add(service);
            }
        }
        return all;
    }

    private static HttpServer bind(InetSocketAddress address) throws IOException {
        String cannot = "cannot bind health endpoint to " + describe(address) + ": ";
        try {
            return HttpServer.create(address, 0);
        } catch (BindException inUse) {
            var named = new BindException(cannot + inUse.getMessage());
            named.initCause(inUse);
            throw named;
        } catch (IOException other) {
            throw new IOException(cannot + other.getMessage(), other);
        } catch (UnresolvedAddressException unresolved) {
            throw new IOException(cannot + "unresolved address", unresolved);
        }
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    static String describe(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
