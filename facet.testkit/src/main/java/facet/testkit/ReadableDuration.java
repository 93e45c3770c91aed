package facet.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Durations in reports as a reader wants them: {@code 1.5 ms}, {@code 2 min 3.25 s}. */
final class ReadableDuration {

    private static final long MICRO = 1_000;
    private static final long MILLI = 1_000_000;
    private static final long SECOND = 1_000_000_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private ReadableDuration() {}

    /**
     * Formats a duration.
     *
     * @param nanos a duration in nanoseconds, not negative
     * @return at most three decimals of the largest unit below a minute, or hours, minutes and
     *     seconds above it
     */
    static String of(long nanos) {
        if (nanos < MICRO) {
            return nanos + " ns";
        }
        if (nanos < MILLI) {
            return decimal(nanos, MICRO) + " µs";
        }
        if (nanos < SECOND) {
            return decimal(nanos, MILLI) + " ms";
        }
        if (nanos < MINUTE) {
            return decimal(nanos, SECOND) + " s";
        }
        var text = new StringBuilder();
        if (nanos >= HOUR) {
            text.append(nanos / HOUR).append(" h ");
        }
        text.append(nanos % HOUR / MINUTE).append(" min");
        long seconds = nanos % MINUTE;
        if (seconds > 0) {
            text.append(' ').append(decimal(seconds, SECOND)).append(" s");
        }
        return text.toString();
    }

    /**
     * Formats a duration; one too long for nanoseconds (past 292 years) in days.
     *
     * @param duration a duration, not negative
     * @return as {@link #of(long)}
     */
    static String of(Duration duration) {
        return duration.compareTo(LONGEST) > 0 ? duration.toDays() + " days"
                : of(duration.toNanos());
    }

    private static String decimal(long nanos, long unit) {
        return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unit), 3, RoundingMode.DOWN)
                .stripTrailingZeros().toPlainString();
    }
}
