package facet.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The rows of a JMH run written with {@code -rf csv}, found by benchmark and parameters. */
final class JmhResults {

    /** One benchmark at one set of parameters. */
    record Row(String benchmark, double score, double error, String unit,
            Map<String, String> params) {

        boolean matches(String name, Map<String, String> wanted) {
            return benchmark.endsWith(name) && wanted.entrySet().stream()
                    .allMatch(entry -> entry.getValue().equals(params.get(entry.getKey())));
        }
    }

    private final List<Row> rows;

    private JmhResults(List<Row> rows) {
        this.rows = rows;
    }

    static JmhResults read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = fields(lines.get(0));
        var rows = new ArrayList<Row>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = fields(line);
            var params = new LinkedHashMap<String, String>();
            for (int at = 7; at < header.size(); at++) {
                if (!cells.get(at).isEmpty()) {
                    params.put(header.get(at).replace("Param: ", ""), cells.get(at));
                }
            }
            rows.add(new Row(cells.get(0), number(cells.get(4)), number(cells.get(5)),
                    cells.get(6), params));
        }
        return new JmhResults(rows);
    }

    /** The row of {@code benchmark} (a suffix: {@code W1Overhead.facet}) at {@code params}. */
    Row get(String benchmark, Map<String, String> params) {
        return rows.stream().filter(row -> row.matches(benchmark, params)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(
                        "no result for " + benchmark + " " + params + " in the JMH run"));
    }

    boolean has(String benchmark, Map<String, String> params) {
        return rows.stream().anyMatch(row -> row.matches(benchmark, params));
    }

    private static double number(String cell) {
        return cell.isEmpty() || cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
    }

    /** The fields of one CSV line, quotes removed (JMH never quotes a quote). */
    private static List<String> fields(String line) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int at = 0; at < line.length(); at++) {
            char c = line.charAt(at);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
