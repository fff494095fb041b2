package org.glancej.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StageHostAnswersTest {
    private static String explanation(int status, String body) {
        return StageHostAnswers.explanation(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void webobsExplanationComesWithoutItsTemplate() {
        assertThat(explanation(409, "{\"message\": \"Image has active task<br /><br />\\n\\n\\n\", "
                + "\"code\": \"409 Conflict\", \"title\": \"Conflict\"}")).isEqualTo("Image has active task");
    }

    @Test
    void aDetailAfterTheClassExplanationIsTheMoreSpecificPart() {
        assertThat(explanation(504, "{\"message\": \"The gateway has timed out.<br /><br />\\nStage host is "
                + "unavailable\\n\\n\", \"code\": \"504 Gateway Timeout\", \"title\": \"Gateway Timeout\"}"))
                .isEqualTo("Stage host is unavailable");
    }

    @Test
    void keystonemiddlewaresShapeIsRead() {
        assertThat(explanation(401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", "
                + "\"message\": \"The request you have made requires authentication.\"}}"))
                .isEqualTo("The request you have made requires authentication.");
    }

    @Test
    void anythingElseIsTheStatusTitle() {
        assertThat(explanation(403, "<html><body>403 Forbidden</body></html>")).isEqualTo("Forbidden");
        assertThat(explanation(404, "")).isEqualTo("Not Found");
        assertThat(explanation(404, "{\"message\": \"\"}")).isEqualTo("Not Found");
        assertThat(explanation(418, "[1]")).isEqualTo("Stage host answered 418");
    }
}
