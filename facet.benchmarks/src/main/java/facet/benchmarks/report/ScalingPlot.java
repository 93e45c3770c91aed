package facet.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * Draws W1's cost per service against N as an SVG, both axes logarithmic: a flat line is a
 * linear total cost; a line that climbs is a superlinear one.
 */
final class ScalingPlot {

    /** One line of the plot: microseconds per service at each N. */
    record Series(String label, String color, boolean dashed, List<Double> micros) {}

    private static final int WIDTH = 760;
    private static final int HEIGHT = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 250;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private ScalingPlot() {}

    static String svg(String title, int[] sizes, List<Series> series) {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Series line : series) {
            for (double value : line.micros()) {
                if (value > 0 && !Double.isNaN(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        int lowDecade = (int) Math.floor(Math.log10(low));
        int highDecade = (int) Math.ceil(Math.log10(high));
        if (highDecade == lowDecade) {
            highDecade++;
        }
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT));
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, title, "middle", 15));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double y = TOP + plotHeight
                    - (decade - lowDecade) * (double) plotHeight / (highDecade - lowDecade);
            out.append(line(LEFT, y, LEFT + plotWidth, y, "#ddd", false));
            out.append(text(LEFT - 8, y + 4, micros(Math.pow(10, decade)), "end", 12));
        }
        for (int at = 0; at < sizes.length; at++) {
            double x = x(at, sizes.length, plotWidth);
            out.append(line(x, TOP, x, TOP + plotHeight, "#eee", false));
            out.append(text(x, TOP + plotHeight + 18, String.format(Locale.ROOT, "%,d", sizes[at]),
                    "middle", 12));
        }
        out.append(text(LEFT + plotWidth / 2.0, HEIGHT - 15, "N (services in the graph)",
                "middle", 13));
        out.append(String.format(Locale.ROOT, "<text transform=\"translate(18,%d) rotate(-90)\" "
                + "text-anchor=\"middle\" font-size=\"13\">time per service, start + stop</text>%n",
                TOP + plotHeight / 2));
        int legendY = TOP + 10;
        for (Series series1 : series) {
            var points = new StringBuilder();
            List<Double> values = series1.micros();
            for (int at = 0; at < values.size(); at++) {
                double value = values.get(at);
                if (value > 0 && !Double.isNaN(value)) {
                    double y = TOP + plotHeight - (Math.log10(value) - lowDecade)
                            * plotHeight / (highDecade - lowDecade);
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                            x(at, sizes.length, plotWidth), y));
                    out.append(String.format(Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                            x(at, sizes.length, plotWidth), y, series1.color()));
                }
            }
            out.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" "
                    + "stroke=\"%s\" stroke-width=\"2\"%s/>%n", points.toString().trim(),
                    series1.color(), series1.dashed() ? " stroke-dasharray=\"6,4\"" : ""));
            out.append(line(WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 45, legendY,
                    series1.color(), series1.dashed()).replace("stroke-width=\"1\"",
                    "stroke-width=\"2\""));
            out.append(text(WIDTH - RIGHT + 52, legendY + 4, series1.label(), "start", 12));
            legendY += 22;
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static double x(int at, int count, int plotWidth) {
        return LEFT + 30 + at * (plotWidth - 60.0) / Math.max(1, count - 1);
    }

    private static String micros(double value) {
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%.0f ms", value / 1000);
        }
        if (value >= 1) {
            return String.format(Locale.ROOT, "%.0f µs", value);
        }
        return String.format(Locale.ROOT, "%.0f ns", value * 1000);
    }

    private static String line(double x1, double y1, double x2, double y2, String color,
            boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"%s\" stroke-width=\"1\"%s/>%n", x1, y1, x2, y2, color,
                dashed ? " stroke-dasharray=\"6,4\"" : "");
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
                + "font-size=\"%d\">%s</text>%n", x, y, anchor, size,
                content.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
