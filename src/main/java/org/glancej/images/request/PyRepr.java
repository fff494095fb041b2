package org.glancej.images.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders JSON values the way Python's {@code repr()} and {@code str()} do, because upstream's error messages
 * embed client values that way (e.g. {@code 5 is not of type 'null', 'string'}, {@code 'x' is not one of [None, 'raw']}).
 */
public final class PyRepr {
    private PyRepr() {}

    /** {@code repr(value)} of the Python object that {@code json.loads} makes of this node. */
    public static String repr(JsonNode node) {
        StringBuilder out = new StringBuilder();
        appendRepr(out, node);
        return out.toString();
    }

    /** {@code str(value)}: like {@link #repr} except that a top-level string is shown bare. */
    public static String str(JsonNode node) {
        return node.isTextual() ? node.textValue() : repr(node);
    }

    /** {@code repr(s)} of a Python string. */
    public static String repr(String s) {
        StringBuilder out = new StringBuilder();
        appendString(out, s);
        return out.toString();
    }

    /** {@code repr(list)} of a list of strings and nulls (rendered as {@code None}). */
    public static String reprStrings(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            String value = values.get(i);
            if (value == null) {
                out.append("None");
            } else {
                appendString(out, value);
            }
        }
        return out.append(']').toString();
    }

    private static void appendRepr(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("None");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "True" : "False");
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(floatRepr(node.doubleValue()));
        } else if (node.isTextual()) {
            appendString(out, node.textValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendRepr(out, node.get(i));
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    out.append(", ");
                }
                first = false;
                appendString(out, field.getKey());
                out.append(": ");
                appendRepr(out, field.getValue());
            }
            out.append('}');
        } else {
            out.append(node.asText());
        }
    }

    /** Python's float repr: shortest round-trip digits, positional for exponents -4..15, else {@code 1.5e-05}. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder();
        if (exact.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs).toString();
    }

    private static void appendString(StringBuilder out, String s) {
        char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        out.append(quote);
    }

    /** Python's {@code str.isprintable} for one code point above ASCII. */
    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
