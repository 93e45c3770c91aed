package facet.health;

import java.util.List;

/**
 * One probe's answer: its status and the checks that decided it, written as MicroProfile Health
 * writes it: {@code {"status":"UP","checks":[{"name":"api","status":"UP"}]}}.
 *
 * @param up whether the probe is UP
 * @param checks each root and each user check, in order
 */
record Report(boolean up, List<Check> checks) {

    /**
     * One line of the answer.
     *
     * @param name a root's or a user check's name
     * @param up whether it is UP
     */
    record Check(String name, boolean up) {}

    Report {
        checks = List.copyOf(checks);
    }

    /** UP if {@code condition} holds and every check is UP. */
    static Report of(boolean condition, List<Check> checks) {
        return new Report(condition && checks.stream().allMatch(Check::up), checks);
    }

    String toJson() {
        var json = new StringBuilder(32 + 40 * checks.size());
        json.append("{\"status\":").append(status(up)).append(",\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            json.append(i == 0 ? "{\"name\":" : ",{\"name\":");
            string(json, check.name());
            json.append(",\"status\":").append(status(check.up())).append('}');
        }
        return json.append("]}").toString();
    }

    private static String status(boolean up) {
        return up ? "\"UP\"" : "\"DOWN\"";
    }

    /** Appends {@code text} as a JSON string (RFC 8259, section 7). */
    static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
