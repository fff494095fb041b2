package org.glancej.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PythonStyleJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void separatorsAreThoseOfPythonJsonDumps() {
        ObjectNode node = mapper.createObjectNode().put("a", 1).putNull("b");
        node.putArray("c").add("x").add(true).addNull();
        node.putObject("d");
        node.putArray("e");
        // json.dumps({"a": 1, "b": None, "c": ["x", True, None], "d": {}, "e": []})
        assertThat(text(node)).isEqualTo("{\"a\": 1, \"b\": null, \"c\": [\"x\", true, null], \"d\": {}, \"e\": []}");
    }

    @Test
    void nonAsciiIsEscapedLikeEnsureAscii() {
        // json.dumps({"d": "été \"q\"\n"})
        ObjectNode node = mapper.createObjectNode().put("d", "été \"q\"\n");
        assertThat(text(node)).isEqualTo("{\"d\": \"\\u00e9t\\u00e9 \\\"q\\\"\\n\"}");
    }

    private static String text(ObjectNode node) {
        return new String(PythonStyleJson.asciiBytes(node), StandardCharsets.US_ASCII);
    }
}
