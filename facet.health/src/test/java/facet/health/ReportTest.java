package facet.health;

import static org.assertj.core.api.Assertions.assertThat;

import facet.health.Report.Check;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON of an answer, written by hand: its shape, and names escaped as RFC 8259 says. */
class ReportTest {

    @Test
    void anAnswerWithoutChecksHasAnEmptyList() {
        assertThat(new Report(true, List.of()).toJson())
                .isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
    }

    @Test
    void eachCheckHasItsNameAndStatusInOrder() {
        var report = new Report(false, List.of(new Check("api", true), new Check("db", false)));

        assertThat(report.toJson()).isEqualTo("{\"status\":\"DOWN\",\"checks\":["
                + "{\"name\":\"api\",\"status\":\"UP\"},{\"name\":\"db\",\"status\":\"DOWN\"}]}");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        var report = new Report(true,
                List.of(new Check("say \"hi\" \\ to\n\r\t\b\f\u0000\u001f you", true)));

        assertThat(report.toJson()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":"
                + "\"say \\\"hi\\\" \\\\ to\\n\\r\\t\\b\\f\\u0000\\u001f you\","
                + "\"status\":\"UP\"}]}");
    }

    @Test
    void otherCharactersStayAsTheyAre() {
        var report = new Report(true, List.of(new Check("café / ümlaut \u2028 日本", true)));

        assertThat(report.toJson()).contains("\"name\":\"café / ümlaut \u2028 日本\"");
    }
}
