package org.glancej.http;

import java.util.Locale;

/** Picks the error body format the way webob does: the better-accepted of HTML and JSON, else plain text. */
enum ErrorFormat {
    HTML, JSON, PLAIN;

    static ErrorFormat choose(String accept) {
        double html = 0;
        double json = 0;
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(pieces);
            if (type.equals("text/html") || type.equals("text/*") || type.equals("*/*")) {
                html = Math.max(html, q);
            }
            if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) {
                json = Math.max(json, q);
            }
        }
        if (html > 0 && html >= json) {
            return HTML;
        }
        return json > 0 ? JSON : PLAIN;
    }

    private static double quality(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i].strip();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
