package org.glancej.http.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.glancej.http.health.HealthChecks.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are upstream's answers (oslo.middleware 5.0 behind Glance's stock paste filter). */
class HealthBodiesTest {
    private static final List<Result> OK = List.of(new Result(true, "OK"));
    private static final List<Result> DISABLED = List.of(new Result(false, "DISABLED BY FILE"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json|application/json",
            "text/html|text/html",
            "*/*|text/plain",
            "image/png|text/plain",
            "text/*|text/plain",
            "application/json;q=0.5, text/html|text/html",
            "text/html;q=0.1, application/json;q=0.1|text/html",
            "application/json, text/html|text/html",
            "application/json;q=0.9, text/*;q=0.5|application/json",
            "text/plain;q=0, */*|text/html",
            "garbage;;|text/plain",
            "TEXT/HTML|text/html",
            "text/html;level=1|text/plain",
            "application/json;q=2|text/plain",
            "application/json, ,text/html|text/html",
            "''|text/plain"})
    void picksTheMediaTypeAsWebObDoes(String accept, String expected) {
        assertThat(HealthBodies.mediaType(Optional.of(accept))).isEqualTo(expected);
    }

    @Test
    void noAcceptHeaderMeansPlainText() {
        assertThat(HealthBodies.mediaType(Optional.empty())).isEqualTo("text/plain");
    }

    @Test
    void plainTextIsTheReasons() {
        assertThat(HealthBodies.body("text/plain", OK)).isEqualTo("OK");
        assertThat(HealthBodies.body("text/plain", DISABLED)).isEqualTo("DISABLED BY FILE");
        assertThat(HealthBodies.body("text/plain", List.of(new Result(true, "OK"), new Result(false,
                "DISABLED BY FILE")))).isEqualTo("OK\nDISABLED BY FILE");
        assertThat(HealthBodies.body("text/plain", List.of())).isEmpty();
    }

    @Test
    void jsonIsPythonsIndentedDump() {
        assertThat(HealthBodies.body("application/json", OK))
                .isEqualTo("{\n    \"detailed\": false,\n    \"reasons\": [\n        \"OK\"\n    ]\n}");
        assertThat(HealthBodies.body("application/json", DISABLED)).hasSize(76);
        assertThat(HealthBodies.body("application/json", List.of()))
                .isEqualTo("{\n    \"detailed\": false,\n    \"reasons\": []\n}");
    }

    @Test
    void htmlIsUpstreamsTable() {
        assertThat(HealthBodies.body("text/html", OK)).isEqualTo("<HTML>\n<HEAD><TITLE>Healthcheck Status</TITLE>"
                + "</HEAD>\n<BODY>\n\n<H2>Result of 1 checks:</H2>\n<TABLE bgcolor=\"#ffffff\" border=\"1\">\n<TBODY>\n"
                + "<TR>\n\n<TH>\nReason\n</TH>\n</TR>\n<TR>\n\n    <TD>OK</TD>\n\n</TR>\n</TBODY>\n</TABLE>\n<HR></HR>"
                + "\n\n</BODY>\n</HTML>");
        assertThat(HealthBodies.body("text/html", DISABLED)).hasSize(253);
        assertThat(HealthBodies.body("text/html", List.of(new Result(true, "OK"), new Result(false,
                "DISABLED BY FILE")))).contains("<TD>OK</TD>\n\n</TR><TR>\n\n    <TD>DISABLED BY FILE</TD>");
    }
}
