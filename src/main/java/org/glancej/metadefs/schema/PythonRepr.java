package org.glancej.metadefs.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON values as Python's {@code repr} prints them after {@code json.loads}, for jsonschema's messages. */
final class PythonRepr {
    private PythonRepr() {}

    static String of(JsonNode value) {
        return switch (value.getNodeType()) {
            case NULL, MISSING -> "None";
            case BOOLEAN -> value.booleanValue() ? "True" : "False";
            case NUMBER -> number(value);
            case STRING -> string(value.textValue());
            case ARRAY -> {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(of(item)));
                yield "[" + String.join(", ", items) + "]";
            }
            case OBJECT -> {
                List<String> entries = new ArrayList<>();
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    entries.add(string(field.getKey()) + ": " + of(field.getValue()));
                }
                yield "{" + String.join(", ", entries) + "}";
            }
            default -> value.toString();
        };
    }

    private static String number(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        double d = value.doubleValue();
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return new BigDecimal(d).toPlainString() + ".0";
        }
        String text = Double.toString(d);
        return text.replace("E", "e").replaceAll("e(\\d)", "e+$1").replaceAll("e([+-])(\\d)$", "e$10$2");
    }

    /** Python's string repr: single quotes unless the text has one and no double quote. */
    static String string(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        s.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (!Character.isDefined(c) || Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.SURROGATE) {
                out.append(c <= 0xff ? String.format("\\x%02x", c)
                        : c <= 0xffff ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(quote).toString();
    }
}
