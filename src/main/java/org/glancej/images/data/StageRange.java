package org.glancej.images.data;

import org.glancej.common.GlanceException;

/**
 * The part of an image's data a resumable {@code PUT /v2/images/{id}/stage} carries: {@code Content-Range:
 * bytes N-M/T} sends bytes N to M (inclusive) of T. A malformed header is a 400.
 */
record StageRange(long start, long endInclusive, long total) {

    long length() {
        return endInclusive - start + 1;
    }

    static StageRange parse(String header) {
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes ", 0, 6)) {
            throw malformed(header);
        }
        String spec = value.substring(6).strip();
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        if (dash <= 0 || slash < dash) {
            throw malformed(header);
        }
        long start = number(spec.substring(0, dash), header);
        long end = number(spec.substring(dash + 1, slash), header);
        long total = number(spec.substring(slash + 1), header);
        if (end < start || end >= total) {
            throw malformed(header);
        }
        return new StageRange(start, end, total);
    }

    private static long number(String text, String header) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(header);
        }
        return Long.parseLong(digits);
    }

    private static GlanceException malformed(String header) {
        return GlanceException.badRequest("Invalid Content-Range header '" + header.strip()
                + "': a stage takes 'bytes FIRST-LAST/TOTAL', with FIRST <= LAST < TOTAL.");
    }
}
