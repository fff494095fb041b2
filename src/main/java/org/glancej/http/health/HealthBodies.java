package org.glancej.http.health;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer's media type, chosen from the Accept header as oslo.middleware does (WebOb's acceptable offers
 * among text/plain, text/html and application/json, highest q first, ties in that order; text/plain when none
 * is acceptable or the header is malformed), and its body byte for byte as upstream renders it without details.
 */
final class HealthBodies {
    static final String PLAIN = "text/plain";
    static final String HTML = "text/html";
    static final String JSON = "application/json";
    private static final List<String> OFFERS = List.of(PLAIN, HTML, JSON);

    private HealthBodies() {
    }

    static String mediaType(Optional<String> accept) {
        if (accept.isEmpty()) {
            return PLAIN;
        }
        List<Range> ranges = parse(accept.get());
        if (ranges == null) {
            return PLAIN;
        }
        String best = PLAIN;
        double bestQ = 0;
        for (String offer : OFFERS) {
            double q = quality(offer, ranges);
            if (q > bestQ) {
                best = offer;
                bestQ = q;
            }
        }
        return best;
    }

    static String body(String mediaType, List<HealthChecks.Result> results) {
        List<String> reasons = results.stream().map(HealthChecks.Result::reason).toList();
        return switch (mediaType) {
            case JSON -> reasons.isEmpty() ? "{\n    \"detailed\": false,\n    \"reasons\": []\n}"
                    : "{\n    \"detailed\": false,\n    \"reasons\": [\n        \""
                            + String.join("\",\n        \"", reasons) + "\"\n    ]\n}";
            case HTML -> html(reasons);
            default -> String.join("\n", reasons.stream().filter(r -> !r.isEmpty()).toList());
        };
    }

    private static String html(List<String> reasons) {
        StringBuilder rows = new StringBuilder();
        for (String reason : reasons) {
            rows.append("<TR>\n\n    <TD>").append(escape(reason)).append("</TD>\n\n</TR>");
        }
        return "<HTML>\n<HEAD><TITLE>Healthcheck Status</TITLE></HEAD>\n<BODY>\n\n<H2>Result of " + reasons.size()
                + " checks:</H2>\n<TABLE bgcolor=\"#ffffff\" border=\"1\">\n<TBODY>\n<TR>\n\n<TH>\nReason\n</TH>\n</TR>\n"
                + rows + "\n</TBODY>\n</TABLE>\n<HR></HR>\n\n</BODY>\n</HTML>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    /** A media range and its q; the most specific range matching an offer gives that offer's q. */
    private record Range(String type, String subtype, double q, boolean extended) {
        int specificity(String offer) {
            String[] parts = offer.split("/");
            if (extended) {
                return -1; // a range with parameters other than q matches no offer, which have none
            }
            if (type.equals("*")) {
                return subtype.equals("*") ? 1 : -1;
            }
            if (!type.equals(parts[0])) {
                return -1;
            }
            return subtype.equals("*") ? 2 : subtype.equals(parts[1]) ? 3 : -1;
        }
    }

    private static double quality(String offer, List<Range> ranges) {
        int best = 0;
        double q = 0;
        for (Range range : ranges) {
            int specificity = range.specificity(offer);
            if (specificity > best) {
                best = specificity;
                q = range.q();
            }
        }
        return q;
    }

    /** The header's media ranges, or null when it is malformed (WebOb then treats every offer as acceptable). */
    private static List<Range> parse(String header) {
        java.util.ArrayList<Range> ranges = new java.util.ArrayList<>();
        for (String item : header.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] params = item.split(";");
            String[] type = params[0].strip().toLowerCase(Locale.ROOT).split("/", -1);
            if (type.length != 2 || type[0].isEmpty() || type[1].isEmpty() || (type[0].equals("*")
                    && !type[1].equals("*"))) {
                return null;
            }
            double q = 1;
            boolean extended = false;
            for (int i = 1; i < params.length; i++) {
                String[] param = params[i].strip().split("=", 2);
                if (param.length != 2 || param[0].isBlank()) {
                    return null;
                }
                if (param[0].strip().equalsIgnoreCase("q")) {
                    try {
                        q = Double.parseDouble(param[1].strip());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    if (q < 0 || q > 1) {
                        return null;
                    }
                } else {
                    extended = true;
                }
            }
            ranges.add(new Range(type[0], type[1], q, extended));
        }
        return ranges;
    }
}
