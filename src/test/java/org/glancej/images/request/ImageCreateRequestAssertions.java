package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.Json.SCHEMA;
import static org.glancej.images.request.Json.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.AbstractThrowableAssert;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/** Parsing a create body against the test schema, and the assertion that one is refused. */
final class ImageCreateRequestAssertions {
    private ImageCreateRequestAssertions() {}

    static ImageCreateRequest parse(String body) {
        return ImageCreateRequest.parse(json(body), SCHEMA);
    }

    static AbstractThrowableAssert<?, ?> assertRefused(String body, ErrorKind kind, String message) {
        return assertRefused(json(body), kind, message);
    }

    static AbstractThrowableAssert<?, ?> assertRefused(JsonNode body, ErrorKind kind, String message) {
        return assertThatThrownBy(() -> ImageCreateRequest.parse(body, SCHEMA))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
    }
}
