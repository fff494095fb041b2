package org.glancej.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request bodies refused with upstream's messages (observed on upstream Zed), in upstream's order. */
class MemberRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void memberIsTheStringSent() throws Exception {
        assertThat(MemberRequests.memberId(json("{\"member\": \"a b/c\", \"other\": 1}"))).isEqualTo("a b/c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"p1\"|Unexpected body type. Expected list/dict.",
            "5|Unexpected body type. Expected list/dict.",
            "[\"p1\"]|'Expected a member in the form: {\"member\": \"image_id\"}'",
            "{\"members\": \"p1\"}|Member to be added not specified",
            "{\"member\": \"\"}|Member can't be empty",
            "{\"member\": null}|Member can't be empty",
            "{\"member\": 0}|Member can't be empty",
            "{\"member\": false}|Member can't be empty",
            "{\"member\": []}|Member can't be empty",
            // upstream stores these; a member id is a project id, a string
            "{\"member\": 5}|'Expected a member in the form: {\"member\": \"image_id\"}'",
            "{\"member\": true}|'Expected a member in the form: {\"member\": \"image_id\"}'",
            "{\"member\": [\"p1\"]}|'Expected a member in the form: {\"member\": \"image_id\"}'",
            "{\"member\": {\"id\": \"p1\"}}|'Expected a member in the form: {\"member\": \"image_id\"}'",
    })
    void badMemberBodiesAre400(String body, String message) {
        assertBadRequest(() -> MemberRequests.memberId(json(body)), message);
    }

    @Test
    void statusIsTheStringSentOrNullForAnotherValue() throws Exception {
        assertThat(MemberRequests.status(json("{\"status\": \"accepted\", \"extra\": 1}"))).isEqualTo("accepted");
        assertThat(MemberRequests.status(json("{\"status\": \"bogus\"}"))).isEqualTo("bogus");
        assertThat(MemberRequests.status(json("{\"status\": 5}"))).isNull();
        assertThat(MemberRequests.status(json("{\"status\": null}"))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"accepted\"|Unexpected body type. Expected list/dict.",
            "[\"accepted\"]|'Expected a status in the form: {\"status\": \"status\"}'",
            "{\"statuses\": \"accepted\"}|Status not specified",
    })
    void badStatusBodiesAre400(String body, String message) {
        assertBadRequest(() -> MemberRequests.status(json(body)), message);
    }

    private static void assertBadRequest(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
