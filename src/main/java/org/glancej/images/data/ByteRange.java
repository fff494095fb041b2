package org.glancej.images.data;

import java.util.Optional;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/**
 * One byte range of an image, from a {@code Range: bytes=a-b} header (or the legacy request
 * {@code Content-Range: bytes a-b/*} that upstream also honours). Several ranges are refused with 400,
 * a malformed or unsatisfiable one with 416, as upstream answers them.
 */
record ByteRange(long start, long endInclusive) {

    long length() {
        return endInclusive - start + 1;
    }

    String contentRange(long size) {
        return "bytes " + start + "-" + endInclusive + "/" + size;
    }

    static Optional<ByteRange> fromRangeHeader(String header, long size) {
        String value = header.strip();
        if (!value.startsWith("bytes=")) {
            throw unsatisfiable();
        }
        String spec = value.substring("bytes=".length()).strip();
        if (spec.contains(",")) {
            throw GlanceException.badRequest("Multiple ranges are not supported.");
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw unsatisfiable();
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        if (first.isEmpty()) {
            long suffix = number(last);
            if (suffix == 0 || size == 0) {
                throw unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        return Optional.of(bounded(number(first), last.isEmpty() ? size - 1 : number(last), size));
    }

    static Optional<ByteRange> fromContentRangeHeader(String header, long size) {
        String value = header.strip();
        if (!value.startsWith("bytes ")) {
            throw unsatisfiable();
        }
        String spec = value.substring("bytes ".length()).strip();
        int slash = spec.indexOf('/');
        String range = slash < 0 ? spec : spec.substring(0, slash);
        int dash = range.indexOf('-');
        if (dash <= 0) {
            throw unsatisfiable();
        }
        long end = number(range.substring(dash + 1).strip());
        boolean lengthUnknown = slash < 0 || spec.substring(slash + 1).strip().equals("*");
        // upstream clips nothing here: a stop past the image with no total length given is unsatisfiable
        if (lengthUnknown && end >= size) {
            throw unsatisfiable();
        }
        return Optional.of(bounded(number(range.substring(0, dash).strip()), end, size));
    }

    private static ByteRange bounded(long start, long end, long size) {
        if (start >= size || end < start) {
            throw unsatisfiable();
        }
        return new ByteRange(start, Math.min(end, size - 1));
    }

    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            throw unsatisfiable();
        }
        return Long.parseLong(digits);
    }

    static GlanceException unsatisfiable() {
        return new GlanceException(ErrorKind.RANGE_NOT_SATISFIABLE, "Requested range not satisfiable");
    }
}
