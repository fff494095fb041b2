package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glancej.images.request.Json.rawJson;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Expected renderings are what upstream's messages showed for the same JSON values. */
class PyReprTest {
    @Test
    void scalarsRenderLikePython() {
        assertThat(PyRepr.repr(rawJson("null"))).isEqualTo("None");
        assertThat(PyRepr.repr(rawJson("true"))).isEqualTo("True");
        assertThat(PyRepr.repr(rawJson("false"))).isEqualTo("False");
        assertThat(PyRepr.repr(rawJson("5"))).isEqualTo("5");
        assertThat(PyRepr.repr(rawJson("99999999999999999999999"))).isEqualTo("99999999999999999999999");
    }

    @Test
    void floatsUseShortestDigitsAndPythonsExponentStyle() {
        assertThat(PyRepr.repr(rawJson("1.5"))).isEqualTo("1.5");
        assertThat(PyRepr.repr(rawJson("1.0"))).isEqualTo("1.0");
        assertThat(PyRepr.repr(rawJson("-1.0"))).isEqualTo("-1.0");
        assertThat(PyRepr.repr(rawJson("1e-7"))).isEqualTo("1e-07");
        assertThat(PyRepr.repr(rawJson("0.0001"))).isEqualTo("0.0001");
        assertThat(PyRepr.repr(rawJson("1e16"))).isEqualTo("1e+16");
        assertThat(PyRepr.repr(rawJson("1e15"))).isEqualTo("1000000000000000.0");
        assertThat(PyRepr.repr(rawJson("123456789012345678.5"))).isEqualTo("1.2345678901234568e+17");
        assertThat(PyRepr.repr(rawJson("1e300"))).isEqualTo("1e+300");
    }

    @Test
    void stringsUseSingleQuotesUnlessTheyHoldOnlySingleQuotes() {
        assertThat(PyRepr.repr(rawJson("\"bogus\""))).isEqualTo("'bogus'");
        assertThat(PyRepr.repr(rawJson("\"it's\""))).isEqualTo("\"it's\"");
    }

    @Test
    void stringsEscapeLikePython() {
        // upstream rendered "a\"b'c\n\u0001\u00e9\u200b\u00a0\\" as 'a"b\'c\n\x01é\u200b\xa0\\'
        assertThat(PyRepr.repr(rawJson("\"a\\\"b'c\\n\\u0001\\u00e9\\u200b\\u00a0\\\\\"")))
                .isEqualTo("'a\"b\\'c\\n\\x01é\\u200b\\xa0\\\\'");
        assertThat(PyRepr.repr(rawJson("\"\\ud800x\""))).isEqualTo("'\\ud800x'");
        assertThat(PyRepr.repr(rawJson("\"\\ud83d\\ude00\\u0085\""))).isEqualTo("'\uD83D\uDE00\\x85'");
        assertThat(PyRepr.repr(rawJson("\"\\t\\r\\u007f\""))).isEqualTo("'\\t\\r\\x7f'");
    }

    @Test
    void containersRenderRecursively() {
        assertThat(PyRepr.repr(rawJson("{\"a\": [1, true, null, \"x\"], \"b\": {}}")))
                .isEqualTo("{'a': [1, True, None, 'x'], 'b': {}}");
    }

    @Test
    void strShowsTopLevelStringsBare() {
        assertThat(PyRepr.str(rawJson("\"bogus\""))).isEqualTo("bogus");
        assertThat(PyRepr.str(rawJson("[\"a\"]"))).isEqualTo("['a']");
        assertThat(PyRepr.str(rawJson("true"))).isEqualTo("True");
    }

    @Test
    void listOfStringsWithNone() {
        assertThat(PyRepr.reprStrings(Arrays.asList(null, "raw"))).isEqualTo("[None, 'raw']");
    }
}
