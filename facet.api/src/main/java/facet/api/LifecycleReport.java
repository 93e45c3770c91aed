package facet.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a started tree did so far: {@link Running#report()}. Each service of the tree appears
 * once, however many dependents share it, with its state, when its {@code start()} was called
 * and how long it took, the same for its {@code stop()} once the tree stopped, and what it threw.
 * Times are measured from the root's start (the start call that returned the {@link Running}),
 * on the engine's clock.
 *
 * <p>The {@linkplain #criticalPath() critical path} is the chain of starts that set the start's
 * length: the root's {@code start()}, the start whose return let it be called, and so on back to
 * a start that waited for nothing. Shortening any other start would not have made the tree run
 * sooner.
 *
 * <p>It reads as a text tree ({@link #toString()}) and draws itself as a Mermaid gantt chart to
 * paste into a README or an issue ({@link #toMermaid()}).
 *
 * {@snippet file=facet/api/LifecycleReportSnippets.java region=report}
 */
public final class LifecycleReport {

    /** Where a service is in its life. */
    public enum State {
        /** Its start is under way: its dependencies start, or its {@code start()} runs. */
        STARTING,
        /** Its {@code start()} returned, and its stop has not begun. */
        RUNNING,
        /** It cannot run: its {@code start()} threw, or a dependency's start failed. */
        FAILED,
        /** Its stop is under way: its {@code stop()}, its tasks' end or its dependencies'. */
        STOPPING,
        /** This life of it is over. */
        STOPPED
    }

    /**
     * One service of the tree.
     *
     * @param service the service
     * @param name its name, as in facet's messages
     * @param state where it is
     * @param steps its dependencies, step by step
     * @param startAt when its {@code start()} was called, from the root's start; negative if
     *     before it (the service was shared with a tree started earlier); {@code null} if it was
     *     not called
     * @param startTook how long its {@code start()} took, from its call until the engine heard
     *     it return or throw; {@code null} while it runs, or if it was not called
     * @param stopAt when its {@code stop()} was called, from the root's start; {@code null} if it
     *     was not called
     * @param stopTook how long its {@code stop()} took; {@code null} while it runs, or if it was
     *     not called
     * @param failure what its {@code start()} threw, else what its {@code stop()} threw;
     *     {@code null} if neither threw
     */
    public record Entry(Service service, String name, State state, List<List<Service>> steps,
            @Nullable Duration startAt, @Nullable Duration startTook, @Nullable Duration stopAt,
            @Nullable Duration stopTook, @Nullable Throwable failure) {

        /** Checks that the required components are there, and keeps copies of the steps. */
        public Entry {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            steps = steps.stream().map(List::copyOf).toList();
        }
    }

    /**
     * One start on the critical path.
     *
     * @param entry the service whose {@code start()} it was
     * @param took how long its {@code start()} took within the root's start
     * @param share that time's share of the whole start, from 0 to 1
     */
    public record CriticalStart(Entry entry, Duration took, double share) {

        /** Checks that no component is {@code null}. */
        public CriticalStart {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(took, "took");
        }
    }

    private final List<Entry> entries;
    private final IdentityHashMap<Service, Entry> index = new IdentityHashMap<>();
    private final Duration startTook;
    private final List<CriticalStart> criticalPath;

    private LifecycleReport(List<Entry> entries, List<Service> criticalPath) {
        this.entries = List.copyOf(entries);
        for (Entry entry : this.entries) {
            if (index.putIfAbsent(entry.service(), entry) != null) {
                throw new IllegalArgumentException(entry.name() + " has two entries");
            }
        }
        for (Entry entry : this.entries) {
            for (List<Service> step : entry.steps()) {
                for (Service dependency : step) {
                    if (!index.containsKey(dependency)) {
                        throw new IllegalArgumentException("a dependency of " + entry.name()
                                + " has no entry");
                    }
                }
            }
        }
        Duration rootEnd = end(this.entries.get(0));
        this.startTook = rootEnd == null || rootEnd.isNegative() ? Duration.ZERO : rootEnd;
        var path = new ArrayList<CriticalStart>(criticalPath.size());
        for (Service service : criticalPath) {
            Entry entry = entry(service);
            Duration end = end(entry);
            Duration at = entry.startAt();
            if (end == null || at == null) {
                throw new IllegalArgumentException("the start of " + entry.name()
                        + " on the critical path has not ended");
            }
            // within the root's start only: a shared start called before it counts from it
            Duration took = at.isNegative() ? end : end.minus(at);
            if (took.isNegative()) {
                took = Duration.ZERO;
            }
            double share = startTook.isZero() ? 0
                    : (double) took.toNanos() / startTook.toNanos();
            path.add(new CriticalStart(entry, took, share));
        }
        this.criticalPath = List.copyOf(path);
    }

    /** When its {@code start()} returned, from the root's start; {@code null} if not yet. */
    private static @Nullable Duration end(Entry entry) {
        Duration at = entry.startAt();
        Duration took = entry.startTook();
        return at == null || took == null ? null : at.plus(took);
    }

    /**
     * A report of {@code entries}, for an engine's {@link facet.api.spi.FacetProvider}: users get
     * theirs from {@link Running#report()}.
     *
     * @param entries the root first, then every service reached from it, each once
     * @param criticalPath the services of the critical path, the first started first, the root
     *     last; empty if the root's start waited for no start (it ran already)
     * @return the report
     * @throws IllegalArgumentException if {@code entries} is empty, names a service twice or
     *     misses a dependency, or if a start of the critical path has not ended
     */
    public static LifecycleReport of(List<Entry> entries, List<Service> criticalPath) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a report has a root");
        }
        return new LifecycleReport(entries, criticalPath);
    }

    /**
     * The root.
     *
     * @return the service of the {@link Running} the report was made for
     */
    public Service root() {
        return entries.get(0).service();
    }

    /**
     * Every service of the tree, each once, the root first.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry of {@code service}.
     *
     * @param service a service of the tree
     * @return its entry
     * @throws IllegalArgumentException if it is not in the tree
     */
    public Entry entry(Service service) {
        Entry entry = index.get(service);
        if (entry == null) {
            throw new IllegalArgumentException(service + " is not in this report");
        }
        return entry;
    }

    /**
     * How long the start took: from the root's start until its {@code start()} returned.
     *
     * @return the time; zero if the root ran already when the start was called
     */
    public Duration startTook() {
        return startTook;
    }

    /**
     * The chain of starts that set the start's length, the first started first and the root
     * last, each with its time and its share of the whole. What the shares leave is time before
     * and between the starts: the engine handing each {@code start()} to a worker (forking one,
     * if none is free).
     *
     * @return the chain; empty if the root ran already when the start was called
     */
    public List<CriticalStart> criticalPath() {
        return criticalPath;
    }

    /**
     * The report as a text tree, one line per service with its state and timings, then the
     * critical path, and the time its starts waited for a worker to begin them, if any (a
     * JVM's first start forks the first ones):
     *
     * <pre>
     * api: started in 150.0 ms, stopped in 9.0 ms
     * api            stopped  start() at +120.0 ms took 30.0 ms  stop() at +5.15 s took 4.0 ms
     * +- 1: db       stopped  start() at +0 ms took 20.0 ms      stop() at +5.16 s took 3.0 ms
     * +- 2: cache    stopped  start() at +20.0 ms took 100.0 ms  stop() at +5.15 s took 2.0 ms
     * |  \- 1: db (above)
     * \- 2: metrics  stopped  start() at +20.0 ms took 10.0 ms   stop() at +5.15 s took 1.0 ms
     * critical path: db 20.0 ms (13%) -&gt; cache 100.0 ms (67%) -&gt; api 30.0 ms (20%)
     * </pre>
     *
     * @return the text, each line ending with a line break
     */
    @Override
    public String toString() {
        var rows = new ArrayList<String[]>();
        TextTree.draw(root(), service -> entry(service).steps(), (prefix, service, again) -> {
            Entry entry = entry(service);
            rows.add(again ? new String[] {prefix + entry.name() + " (above)"}
                    : row(prefix, entry));
        });
        var text = new StringBuilder(entries.get(0).name()).append(": started in ")
                .append(readable(startTook));
        Duration stopTook = stopTook();
        if (stopTook != null) {
            text.append(", stopped in ").append(readable(stopTook));
        }
        text.append('\n');
        columns(rows, text);
        text.append("critical path");
        if (criticalPath.isEmpty()) {
            text.append(": none, ").append(entries.get(0).name())
                    .append(" ran already when it was started\n");
        } else {
            String by = ": ";
            Duration rest = startTook;
            for (CriticalStart start : criticalPath) {
                text.append(by).append(start.entry().name()).append(' ')
                        .append(readable(start.took())).append(" (")
                        .append(Math.round(start.share() * 100)).append("%)");
                by = " -> ";
                rest = rest.minus(start.took());
            }
            if (rest.isPositive()) {
                text.append("; waiting for a worker: ").append(readable(rest)).append(" (")
                        .append(Math.round(100.0 * rest.toNanos() / startTook.toNanos()))
                        .append("%)");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** A service's columns: its line of the tree, its state, its start, its stop, its failure. */
    private static String[] row(String prefix, Entry entry) {
        return new String[] {
            prefix + entry.name(),
            entry.state().name().toLowerCase(Locale.ROOT),
            hook("start()", entry.startAt(), entry.startTook()),
            hook("stop()", entry.stopAt(), entry.stopTook()),
            entry.failure() == null ? "" : "failed: " + entry.failure()
        };
    }

    private static String hook(String hook, @Nullable Duration at, @Nullable Duration took) {
        if (at == null) {
            return "";
        }
        return hook + " at " + (at.isNegative() ? "-" : "+") + readable(at.abs())
                + (took == null ? " runs" : " took " + readable(took));
    }

    /** Each column padded to its widest cell, two spaces apart; no space at a line's end. */
    private static void columns(List<String[]> rows, StringBuilder text) {
        var widths = new int[5];
        for (String[] row : rows) {
            for (int column = 0; column < row.length && row.length > 1; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        for (String[] row : rows) {
            var line = new StringBuilder(row[0]);
            for (int column = 1; column < row.length; column++) {
                line.append(" ".repeat(widths[column - 1] - row[column - 1].length() + 2))
                        .append(row[column]);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** From the first {@code stop()} called to the last returned; {@code null} if none ran. */
    private @Nullable Duration stopTook() {
        Duration first = null;
        Duration last = null;
        for (Entry entry : entries) {
            Duration at = entry.stopAt();
            if (at != null) {
                first = first == null || at.compareTo(first) < 0 ? at : first;
                Duration end = entry.stopTook() == null ? at : at.plus(entry.stopTook());
                last = last == null || end.compareTo(last) > 0 ? end : last;
            }
        }
        return first == null || last == null ? null : last.minus(first);
    }

    /**
     * The report as a Mermaid gantt chart: a bar per {@code start()}, the critical path's
     * marked, then a bar per {@code stop()}; the axis counts seconds from the first bar.
     *
     * <pre>
     * gantt
     *     title api
     *     dateFormat x
     *     axisFormat %S.%L s
     *     section start
     *     db 20.0 ms :crit, 0, 20
     *     cache 100.0 ms :crit, 20, 120
     *     metrics 10.0 ms :20, 30
     *     api 30.0 ms :crit, 120, 150
     *     section stop
     *     api 4.0 ms :5150, 5154
     *     cache 2.0 ms :5154, 5156
     *     metrics 1.0 ms :5154, 5155
     *     db 3.0 ms :5156, 5159
     * </pre>
     *
     * @return the chart, each line ending with a line break
     */
    public String toMermaid() {
        var chart = new StringBuilder("gantt\n    title ")
                .append(mermaidText(entries.get(0).name()))
                .append("\n    dateFormat x\n    axisFormat %S.%L s\n");
        Duration base = Duration.ZERO;
        for (Entry entry : entries) {
            Duration at = entry.startAt();
            if (at != null && at.compareTo(base) < 0) {
                base = at;
            }
        }
        var critical = new IdentityHashMap<Entry, Boolean>();
        for (CriticalStart start : criticalPath) {
            critical.put(start.entry(), true);
        }
        bars(chart, "start", Entry::startAt, Entry::startTook, critical, base);
        bars(chart, "stop", Entry::stopAt, Entry::stopTook, critical, base);
        return chart.toString();
    }

    private void bars(StringBuilder chart, String section, Function<Entry, @Nullable Duration> at,
            Function<Entry, @Nullable Duration> took, IdentityHashMap<Entry, Boolean> critical,
            Duration base) {
        var called = new ArrayList<Entry>();
        for (Entry entry : entries) {
            if (at.apply(entry) != null) {
                called.add(entry);
            }
        }
        if (called.isEmpty()) {
            return;
        }
        called.sort(Comparator.comparing(entry -> Objects.requireNonNull(at.apply(entry))));
        chart.append("    section ").append(section).append('\n');
        for (Entry entry : called) {
            Duration from = Objects.requireNonNull(at.apply(entry)).minus(base);
            Duration length = took.apply(entry);
            chart.append("    ").append(mermaidText(entry.name())).append(' ')
                    .append(length == null ? "runs" : readable(length)).append(" :");
            if (section.equals("start") && critical.containsKey(entry)) {
                chart.append("crit, ");
            }
            chart.append(from.toMillis()).append(", ")
                    .append(from.plus(length == null ? Duration.ZERO : length).toMillis())
                    .append('\n');
        }
    }

    /** A name in a Mermaid gantt chart's task: no colon, semicolon or hash, one line. */
    private static String mermaidText(String name) {
        return name.replace(':', ' ').replace(';', ' ').replace('#', ' ').replace('\n', ' ')
                .replace('\r', ' ');
    }

    /** A time for people: {@code 850 ns}, {@code 12.5 us}, {@code 20.1 ms}, {@code 1.25 s}. */
    static String readable(Duration time) {
        long nanos = time.toNanos();
        if (nanos == 0) {
            return "0 ms";
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        long seconds = time.toSeconds();
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
