package org.glancej.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes JSON the way upstream Glance does with Python's default {@code json.dumps}: one line,
 * {@code ", "} between members and items, {@code ": "} after keys, non-ASCII characters escaped as
 * {@code \}{@code u00e9}. Documents written this way are byte-identical to upstream's, so tests
 * can compare them exactly and clients see the same Content-Length.
 */
public final class PythonStyleJson {
    private static final ObjectWriter ASCII_WRITER = new ObjectMapper()
            .writer(new PythonSeparators())
            .with(JsonWriteFeature.ESCAPE_NON_ASCII)
            .without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);

    private PythonStyleJson() {}

    /** The node as UTF-8 bytes, like upstream's {@code jsonutils.dump_as_bytes(node)}. */
    public static byte[] asciiBytes(JsonNode node) {
        try {
            return ASCII_WRITER.writeValueAsBytes(node);
        }
        catch (JsonProcessingException e) {
            // a JsonNode tree always serialises; anything else is a bug
            throw new UncheckedIOException(e);
        }
    }

    private static final class PythonSeparators extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}
