package org.glancej.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;

class UrlTextTest {

    private static void assertRefused(String raw, String message) {
        assertThatThrownBy(() -> UrlText.check(raw))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessage(message);
    }

    @Test
    void storableUrlsPass() {
        assertThatCode(() -> UrlText.check("/v2/images/x/tags/%C3%A9t%C3%A9%E2%82%AC")).doesNotThrowAnyException();
        assertThatCode(() -> UrlText.check("name=a+b&tag=%20&k=%zz&l=%4")).doesNotThrowAnyException();
        assertThatCode(() -> UrlText.check("")).doesNotThrowAnyException();
    }

    @Test
    void nulIsRefused() {
        assertRefused("/v2/images/a%00b", "Invalid character in URL: NUL (U+0000) is not allowed.");
        assertRefused("name=a%00", "Invalid character in URL: NUL (U+0000) is not allowed.");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        String message = "Invalid URL: its bytes are not valid UTF-8.";
        assertRefused("/v2/images/%ED%A0%80", message); // a surrogate's encoding
        assertRefused("tag=a%FFb", message);
        assertRefused("tag=%C3", message);
        assertRefused("tag=%C0%80", message); // overlong NUL
        assertRefused("/v2/images/x/tags/a\uFFFDb", message); // what the server makes of raw bytes that are not UTF-8
    }

    @Test
    void fourByteCharactersAreRefused() {
        assertRefused("/v2/images/%F0%9F%98%80", "Param values can't contain 4 byte unicode.");
    }

    @Test
    void storableTextProblems() {
        assertThat(StorableText.problem("ok \u00e9 \uD83D\uDE00")).isEmpty();
        assertThat(StorableText.problem("a\u0000")).contains("NUL (U+0000) is not allowed");
        assertThat(StorableText.problem("\uD800")).contains("unpaired surrogate U+D800 is not allowed");
        assertThat(StorableText.problem("x\uDC00y")).contains("unpaired surrogate U+DC00 is not allowed");
        assertThat(StorableText.problem("\uDC00\uD800")).contains("unpaired surrogate U+DC00 is not allowed");
    }
}
