package facet.benchmarks.coldstart;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Launches fresh JVMs that start and stop the same 20 services once, facet's, Guava's and a plain
 * loop's, interleaved round by round (each round in another order), and prints their medians.
 *
 * <p>Two times per launch: the whole process, from the launch to its exit, and the time from
 * the first line of {@code main} to all stopped, which the child prints. Facet's and Guava's of
 * one round make a pair; the ratio reported is the median of the pairs' ratios. A last launch of
 * each, with {@code -Xlog:class+load}, counts the classes it loaded: all, those of the class path,
 * and those generated at run time (lambdas' and method handles' hidden classes, proxies).
 *
 * <p>Each child gets the class path its system's users would have, and no more: these classes,
 * then the jars named by the property {@code coldstart.path.<system>} (facet: its API, engine and
 * virtual-thread backend, and JSpecify's annotations; Guava: its jar and its dependencies; the loop:
 * facet's, for the {@code Service} interface its services implement). It matters: a {@code ServiceLoader} looks in every jar of the class path, and opening
 * Guava's 3 MB jar alone takes about 20 ms; on one shared class path each system would pay for the
 * other's jars. The pom sets the properties; without one, a child gets this JVM's class path.
 *
 * <p>Usage: {@code ColdStart [rounds] [out.csv]}: 21 rounds by default, after one round not
 * counted; the CSV holds {@code system,metric,value} lines for the report. The children run on
 * this JVM's {@code java}.
 */
public final class ColdStart {

    /** A system compared: its name and the class whose {@code main} does one cold start. */
    private record Contender(String name, Class<?> main) {

        /** These classes, then the system's own jars, as the pom names them. */
        String classPath() {
            String jars = System.getProperty("coldstart.path." + name);
            if (jars == null) {
                return System.getProperty("java.class.path");
            }
            try {
                String here = Path.of(ColdStart.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()).toString();
                return jars.isBlank() ? here : here + File.pathSeparator + jars;
            } catch (URISyntaxException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static final List<Contender> CONTENDERS = List.of(
            new Contender("facet", FacetColdStart.class),
            new Contender("guava", GuavaColdStart.class),
            new Contender("loop", LoopColdStart.class));

    /** One launch's two times, in nanoseconds. */
    private record Launch(long whole, long inMain) {}

    private ColdStart() {}

    /**
     * Runs the rounds and prints the table.
     *
     * @param args the number of rounds, then the CSV file to write, both optional
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        var launches = new ArrayList<List<Launch>>();
        for (int at = 0; at < CONTENDERS.size(); at++) {
            launches.add(new ArrayList<>());
        }
        for (int round = -1; round < rounds; round++) { // round -1 warms the file cache
            for (int turn = 0; turn < CONTENDERS.size(); turn++) {
                int at = Math.floorMod(round + turn, CONTENDERS.size());
                Launch launch = launch(CONTENDERS.get(at), List.of());
                if (round >= 0) {
                    launches.get(at).add(launch);
                }
            }
        }
        var lines = new ArrayList<String>();
        lines.add("system,metric,value");
        List<Launch> facet = launches.get(0);
        for (int at = 0; at < CONTENDERS.size(); at++) {
            Contender contender = CONTENDERS.get(at);
            List<Launch> own = launches.get(at);
            long whole = median(own.stream().mapToLong(Launch::whole).toArray());
            long inMain = median(own.stream().mapToLong(Launch::inMain).toArray());
            double wholeRatio = pairedRatio(facet, own, true);
            double mainRatio = pairedRatio(facet, own, false);
            ClassCounts classes = countClasses(contender);
            System.out.printf(Locale.ROOT, "%-6s whole %6.1f ms, main to all stopped %6.1f ms; "
                    + "facet over it %.2fx, %.2fx; classes %d (class path %d, generated %d)%n",
                    contender.name(), whole / 1e6, inMain / 1e6, wholeRatio, mainRatio,
                    classes.all(), classes.classPath(), classes.generated());
            lines.add(contender.name() + ",rounds," + rounds);
            lines.add(contender.name() + ",whole-ns," + whole);
            lines.add(contender.name() + ",main-ns," + inMain);
            lines.add(contender.name() + ",facet-over-whole," + wholeRatio);
            lines.add(contender.name() + ",facet-over-main," + mainRatio);
            lines.add(contender.name() + ",classes," + classes.all());
            lines.add(contender.name() + ",classes-class-path," + classes.classPath());
            lines.add(contender.name() + ",classes-generated," + classes.generated());
        }
        if (args.length > 1) {
            Files.write(Path.of(args[1]), lines);
        }
    }

    /** The median of facet's time over the other's, round by round. */
    private static double pairedRatio(List<Launch> facet, List<Launch> other, boolean whole) {
        var ratios = new double[facet.size()];
        for (int round = 0; round < ratios.length; round++) {
            Launch ours = facet.get(round);
            Launch theirs = other.get(round);
            ratios[round] = whole ? (double) ours.whole() / theirs.whole()
                    : (double) ours.inMain() / theirs.inMain();
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    private static long median(long[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static Launch launch(Contender contender, List<String> jvmOptions)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(contender.classPath());
        command.add(contender.main().getName());
        long launched = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = child.waitFor();
        long whole = System.nanoTime() - launched;
        String printed = output.strip();
        if (status != 0) {
            throw new IllegalStateException(contender.name() + " exited with " + status + ":\n"
                    + output);
        }
        // the child's last line is its time; a JVM warning may come before it
        String last = printed.substring(printed.lastIndexOf('\n') + 1).strip();
        return new Launch(whole, Long.parseLong(last));
    }

    /** The classes one launch loaded. */
    private record ClassCounts(long all, long classPath, long generated) {}

    private static ClassCounts countClasses(Contender contender)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("coldstart-classes", ".log");
        try {
            launch(contender, List.of("-Xlog:class+load=info:file=" + log));
            List<String> loaded = Files.readAllLines(log).stream()
                    .filter(line -> line.contains("source:")).toList();
            long classPath = loaded.stream()
                    .filter(line -> line.contains("source: file:")
                            || line.contains("source: jar:"))
                    .count();
            long generated = loaded.stream()
                    .filter(line -> line.contains("/0x") || line.contains("$Proxy"))
                    .count();
            return new ClassCounts(loaded.size(), classPath, generated);
        } catch (UncheckedIOException broken) {
            throw broken.getCause();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
