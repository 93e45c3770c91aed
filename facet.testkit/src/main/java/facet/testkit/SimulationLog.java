package facet.testkit;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * What the engine logged in one simulation, kept instead of printed: a run of 500 tries that
 * crash on purpose stays quiet, and the lines are there for {@link Simulation.Result#log()} and
 * for the report of a failure. Every level is kept, lifecycle lines at DEBUG too, each with the
 * virtual time it was logged at.
 */
final class SimulationLog implements System.Logger {

    /** How many of the last warnings and errors a report shows. */
    private static final int SHOWN_IN_REPORT = 20;

    private final SimulatedBackend backend;
    private final List<String> lines = new ArrayList<>();

    SimulationLog(SimulatedBackend backend) {
        this.backend = backend;
    }

    @Override
    public String getName() {
        return "facet";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF;
    }

    @Override
    public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String message,
            @Nullable Throwable thrown) {
        keep(level, String.valueOf(message), thrown);
    }

    @Override
    public void log(Level level, @Nullable ResourceBundle bundle, @Nullable String format,
            @Nullable Object... params) {
        String pattern = String.valueOf(format);
        keep(level, params == null || params.length == 0 ? pattern
                : MessageFormat.format(pattern, params), null);
    }

    private void keep(Level level, String message, @Nullable Throwable thrown) {
        if (level == Level.ERROR) {
            // a crash's log races the calls it fails: the schedule may run them first
            backend.schedulingPoint();
        }
        // the virtual time is a plain read
        String line = "[" + ReadableDuration.of(backend.currentTime() - SimulatedBackend.EPOCH)
                + "] " + level.getName() + " " + message + (thrown == null ? "" : ": " + thrown);
        synchronized (this) {
            lines.add(line);
        }
    }

    /** Every line, in the order logged. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The last warnings and errors of {@code lines} (lines of such a log), as a report shows
     * them; empty if there were none.
     */
    static String warningsIn(List<String> lines) {
        List<String> warnings = lines.stream()
                .filter(line -> line.contains("] " + Level.WARNING.getName() + " ")
                        || line.contains("] " + Level.ERROR.getName() + " "))
                .toList();
        if (warnings.isEmpty()) {
            return "";
        }
        int from = Math.max(0, warnings.size() - SHOWN_IN_REPORT);
        var shown = new StringBuilder(from == 0 ? "\nlog (warnings and errors):"
                : "\nlog (the last " + SHOWN_IN_REPORT + " of " + warnings.size()
                        + " warnings and errors):");
        for (String line : warnings.subList(from, warnings.size())) {
            shown.append("\n  ").append(line);
        }
        return shown.toString();
    }
}
