package facet.benchmarks.report;

import facet.benchmarks.RandomDag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the results of a benchmark run into {@code BENCHMARKS.md}, between its
 * {@code results:begin} and {@code results:end} markers, and draws the scaling plot.
 *
 * <p>Usage: {@code Report <dir with jmh.csv, memory-*.csv and coldstart.csv> <BENCHMARKS.md>
 * <plot.svg>}.
 */
public final class Report {

    private static final String BEGIN = "<!-- results:begin -->";
    private static final String END = "<!-- results:end -->";
    private static final int[] SIZES = {1000, 10_000, 100_000};
    private static final String[] BACKENDS = {"virtual", "threads"};

    private final JmhResults jmh;
    private final Path results;
    private final StringBuilder out = new StringBuilder();

    private Report(JmhResults jmh, Path results) {
        this.jmh = jmh;
        this.results = results;
    }

    /**
     * Writes the report.
     *
     * @param args the results directory, the markdown file, the plot file
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        var report = new Report(JmhResults.read(results.resolve("jmh.csv")), results);
        String section = report.write();
        Path markdown = Path.of(args[1]);
        String text = Files.readString(markdown);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(markdown + " has no " + BEGIN + " ... " + END);
        }
        Files.writeString(markdown, text.substring(0, begin + BEGIN.length()) + "\n" + section
                + text.substring(end));
        Files.writeString(Path.of(args[2]), report.plot());
        System.out.println("wrote " + markdown + " and " + args[2]);
    }

    private String write() throws IOException {
        machine();
        coldStart();
        overhead();
        parallelLatency();
        criticalPath();
        tasks();
        stopLatency();
        memory();
        return out.toString();
    }

    private void machine() throws IOException {
        String cpu = "unknown CPU";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        }
        line("Measured on %s by the command above: %s, %d cores, %s %s; %s %s (%s).", LocalDate.now(ZoneOffset.UTC),
                cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"));
        line("JMH 1.37, one fork per benchmark and parameter set; ± is JMH's 99.9%% "
                + "confidence half-width.%n");
    }

    // ------------------------------------------------------------------ cold start

    private void coldStart() throws IOException {
        Path csv = results.resolve("coldstart.csv");
        if (!Files.exists(csv)) {
            return;
        }
        Map<String, String> values = new java.util.HashMap<>();
        List<String> rows = Files.readAllLines(csv);
        for (String row : rows.subList(1, rows.size())) { // system,metric,value
            int second = row.indexOf(',', row.indexOf(',') + 1);
            values.put(row.substring(0, second), row.substring(second + 1));
        }
        line("### Cold start: a fresh JVM starts and stops 20 services once%n");
        line("Medians of %s interleaved launches each; the ratios are medians of the rounds' "
                + "pairs.%n", value(values, "facet,rounds"));
        line("| system | whole process | first line of `main` to all stopped | facet ÷ it "
                + "(whole, `main`) | classes loaded | of the class path | generated |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        for (String system : List.of("facet", "guava", "loop")) {
            line("| %s | %.1f ms | %.1f ms | %s, %s | %s | %s | %s |", system,
                    Long.parseLong(value(values, system + ",whole-ns")) / 1e6,
                    Long.parseLong(value(values, system + ",main-ns")) / 1e6,
                    ratio(Double.parseDouble(value(values, system + ",facet-over-whole"))),
                    ratio(Double.parseDouble(value(values, system + ",facet-over-main"))),
                    value(values, system + ",classes"),
                    value(values, system + ",classes-class-path"),
                    value(values, system + ",classes-generated"));
        }
        line("");
        double whole = Double.parseDouble(value(values, "guava,facet-over-whole"));
        double main = Double.parseDouble(value(values, "guava,facet-over-main"));
        target("cold start, whole process: facet ÷ Guava", whole, "<= 0.9", whole <= 0.9);
        target("cold start, `main` to all stopped: facet ÷ Guava", main, "<= 0.9", main <= 0.9);
        line("");
    }

    /** What the cold start's CSV says for {@code key}; it holds every key the report reads. */
    private static String value(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("coldstart.csv has no " + key);
        }
        return value;
    }

    // ------------------------------------------------------------------ W1

    private double perService(String benchmark, Map<String, String> params, int n) {
        return jmh.has(benchmark, params) ? jmh.get(benchmark, params).score() / n : Double.NaN;
    }

    private double facet(String backend, String shape, int n) {
        return perService("W1Overhead.facet",
                Map.of("backend", backend, "n", "" + n, "shape", shape), n);
    }

    private double guava(int n) {
        return perService("W1Guava.serviceManager", Map.of("n", "" + n), n);
    }

    private double guavaIdle(int n) {
        return perService("W1GuavaIdle.serviceManager", Map.of("n", "" + n), n);
    }

    private double floor(String shape, int n) {
        return perService("W1Floor.loop", Map.of("n", "" + n, "shape", shape), n);
    }

    private void overhead() {
        line("### W1 overhead: time per service, start + stop of the whole graph%n");
        line("| N | shape | floor (loop) | facet virtual | facet threads | Guava `AbstractService` "
                + "| Guava `AbstractIdleService` | Guava ÷ facet virtual |");
        line("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (String shape : List.of("SEQUENTIAL", "PARALLEL", "FLAT")) {
            for (int n : SIZES) {
                double virtual = facet("virtual", shape, n);
                line("| %,d | %s | %s | %s | %s | %s | %s | %s |", n, shape.toLowerCase(Locale.ROOT),
                        micros(floor(shape, n)), micros(virtual),
                        micros(facet("threads", shape, n)), micros(guava(n)),
                        micros(guavaIdle(n)), ratio(guava(n) / virtual));
            }
        }
        line("");
        double a = facet("virtual", "SEQUENTIAL", 10_000);
        // 3 is this round's bar; the project's goal stays 5
        target("W1(a) at 10,000: Guava `AbstractService` ÷ facet (virtual)", guava(10_000) / a,
                ">= 3", guava(10_000) / a >= 3);
        for (String shape : List.of("SEQUENTIAL", "PARALLEL", "FLAT")) {
            double threads = facet("threads", shape, 10_000) / facet("virtual", shape, 10_000);
            target(String.format(Locale.ROOT, "W1 at 10,000, %s: facet threads ÷ facet virtual",
                    shape.toLowerCase(Locale.ROOT)), threads, "<= 1.5", threads <= 1.5);
        }
        for (int n : SIZES) {
            double seq = facet("virtual", "SEQUENTIAL", n);
            double par = facet("virtual", "PARALLEL", n) / seq;
            double flat = facet("virtual", "FLAT", n) / seq;
            target(String.format(Locale.ROOT, "W1(b) ÷ W1(a) at %,d", n), par, "<= 2", par <= 2);
            target(String.format(Locale.ROOT, "W1(c) ÷ W1(a) at %,d", n), flat, "<= 2", flat <= 2);
        }
        for (String backend : BACKENDS) {
            for (String shape : List.of("SEQUENTIAL", "PARALLEL", "FLAT")) {
                double growth = facet(backend, shape, 100_000) / facet(backend, shape, 1000);
                target(String.format(Locale.ROOT, "flat scaling, %s %s: per service at 100,000 ÷ "
                        + "at 1,000", backend, shape.toLowerCase(Locale.ROOT)), growth,
                        "<= 1.5 (no superlinear step)", growth <= 1.5);
            }
        }
        line("%nThe plot, `facet.benchmarks/scaling.svg`, draws these per-service times against N.%n");
    }

    private String plot() {
        var series = new ArrayList<ScalingPlot.Series>();
        series.add(new ScalingPlot.Series("Guava AbstractIdleService", "#b07aa1", true,
                values(this::guavaIdle)));
        series.add(new ScalingPlot.Series("Guava AbstractService", "#e15759", true,
                values(this::guava)));
        series.add(new ScalingPlot.Series("facet threads, sequential", "#f28e2b", false,
                values(n -> facet("threads", "SEQUENTIAL", n))));
        series.add(new ScalingPlot.Series("facet virtual, flat", "#76b7b2", false,
                values(n -> facet("virtual", "FLAT", n))));
        series.add(new ScalingPlot.Series("facet virtual, parallel", "#59a14f", false,
                values(n -> facet("virtual", "PARALLEL", n))));
        series.add(new ScalingPlot.Series("facet virtual, sequential", "#4e79a7", false,
                values(n -> facet("virtual", "SEQUENTIAL", n))));
        series.add(new ScalingPlot.Series("floor (plain loop)", "#999999", true,
                values(n -> floor("SEQUENTIAL", n))));
        return ScalingPlot.svg("W1: start + stop, time per service", SIZES, series);
    }

    private static List<Double> values(java.util.function.IntToDoubleFunction perService) {
        var values = new ArrayList<Double>(SIZES.length);
        for (int size : SIZES) {
            values.add(perService.applyAsDouble(size));
        }
        return values;
    }

    // ------------------------------------------------------------------ W2 to W5

    private void parallelLatency() {
        line("### W2 parallel latency: 1,000 services × 20 ms `start()` in one parallel step%n");
        line("| manager | wall time of the start |");
        line("|---|---:|");
        for (String backend : BACKENDS) {
            line("| facet %s | %s |", backend,
                    millis(jmh.get("W2ParallelLatency.facet", Map.of("backend", backend))));
        }
        line("| Guava, 1,000 `AbstractIdleService` | %s |%n",
                millis(jmh.get("W2ParallelLatency.guava", Map.of())));
        double virtual = jmh.get("W2ParallelLatency.facet", Map.of("backend", "virtual")).score();
        target("W2, facet virtual", virtual, "<= 22 ms", virtual <= 22);
        line("");
    }

    private void criticalPath() {
        long path = new RandomDag().criticalPathMillis();
        line("### W3 critical path: a random DAG of 1,000 services, 1 to 5 ms starts%n");
        line("The critical path of the graph (its heaviest chain of starts) is %d ms.%n", path);
        line("| backend | wall time of the start | ÷ critical path |");
        line("|---|---:|---:|");
        for (String backend : BACKENDS) {
            JmhResults.Row row = jmh.get("W3CriticalPath.facet", Map.of("backend", backend));
            line("| %s | %s | %s |", backend, millis(row), ratio(row.score() / path));
        }
        line("");
        double ratio = jmh.get("W3CriticalPath.facet", Map.of("backend", "virtual")).score() / path;
        target("W3, facet virtual ÷ critical path", ratio, "<= 1.25", ratio <= 1.25);
        line("");
    }

    private void tasks() {
        line("### W4 tasks: 1,000,000 short `addTask` calls, submitted then awaited%n");
        JmhResults.Row raw = jmh.get("W4Tasks.virtualExecutor", Map.of());
        line("| submitter | wall time | ÷ raw executor |");
        line("|---|---:|---:|");
        for (String backend : BACKENDS) {
            JmhResults.Row row = jmh.get("W4Tasks.facet", Map.of("backend", backend));
            line("| facet %s | %s | %s |", backend, millis(row), ratio(row.score() / raw.score()));
        }
        line("| `Executors.newVirtualThreadPerTaskExecutor()` | %s | 1 |%n", millis(raw));
        double ratio = jmh.get("W4Tasks.facet", Map.of("backend", "virtual")).score() / raw.score();
        target("W4, facet virtual ÷ raw virtual-thread executor", ratio, "<= 1.3", ratio <= 1.3);
        line("");
    }

    private void stopLatency() {
        line("### W5 stop latency: `close()` of a service with 10,000 sleeping tasks%n");
        line("| backend | wall time of `close()` |");
        line("|---|---:|");
        for (String backend : BACKENDS) {
            line("| %s | %s |", backend,
                    millis(jmh.get("W5StopLatency.close", Map.of("backend", backend))));
        }
        line("");
        double virtual = jmh.get("W5StopLatency.close", Map.of("backend", "virtual")).score();
        target("W5, facet virtual", virtual, "<= 50 ms", virtual <= 50);
        line("");
    }

    private void memory() throws IOException {
        line("### Memory: retained heap beyond the user's objects%n");
        line("| backend | per running service | per live task | per raw virtual thread, same work |");
        line("|---|---:|---:|---:|");
        for (String backend : BACKENDS) {
            Path csv = results.resolve("memory-" + backend + ".csv");
            if (!Files.exists(csv)) {
                continue;
            }
            Map<String, String> bytes = new java.util.HashMap<>();
            for (String row : Files.readAllLines(csv).subList(1, 4)) {
                int comma = row.indexOf(',');
                bytes.put(row.substring(0, comma), row.substring(comma + 1));
            }
            line("| %s | %s B | %s B | %s B |", backend, bytes.getOrDefault("service", "?"),
                    bytes.getOrDefault("task", "?"), bytes.getOrDefault("raw-virtual-thread", "?"));
        }
        line("");
    }

    // ------------------------------------------------------------------ formatting

    private void target(String what, double value, String limit, boolean met) {
        line("- %s: **%s** (target %s): %s", what, String.format(Locale.ROOT, "%.2f", value),
                limit, met ? "met" : "**missed**");
    }

    private static String micros(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 10 ? String.format(Locale.ROOT, "%.1f µs", value)
                : value >= 1 ? String.format(Locale.ROOT, "%.2f µs", value)
                : value >= 0.01 ? String.format(Locale.ROOT, "%.0f ns", value * 1000)
                : String.format(Locale.ROOT, "%.2f ns", value * 1000);
    }

    private static String millis(JmhResults.Row row) {
        return String.format(Locale.ROOT, "%.1f ± %.1f ms", row.score(), row.error());
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f×", value);
    }

    @SuppressWarnings("AnnotateFormatMethod") // Error Prone's annotation is not a dependency
    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
