package org.glancej.images.data.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the text descriptor of a VMDK. Like upstream, every line must be understood (comment, disk database
 * entry, {@code key=value} field or extent) or the image is refused; beyond upstream, a parent hint is refused
 * too, since qemu follows {@code parentFileNameHint} as a backing file.
 */
final class VmdkDescriptor {
    private static final List<String> SAFE_TYPES = List.of("monolithicsparse", "streamoptimized");
    private static final List<String> EXTENT_ACCESS = List.of("rw", "rdonly", "noaccess");
    private static final int QEMU_PROBE_BUFFER = 2048;

    private VmdkDescriptor() {}

    /**
     * Whether the head of a stream is a text-only VMDK descriptor: printable text that either names a createType
     * (upstream's test) or, after comments, starts with {@code version=N} (qemu's probe).
     */
    static boolean looksLikeDescriptorFile(ByteWindow head) {
        if (qemuProbesAsDescriptor(head)) {
            return true;
        }
        int sample = Math.min(head.filled(), 512);
        if (sample < 4) {
            return false;
        }
        for (int i = 0; i < sample; i++) {
            int b = head.u8(i);
            if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        int end = 0;
        while (end < head.filled() && head.u8(end) != 0 && head.u8(end) < 0x80) {
            end++;
        }
        String text = new String(head.copy(0, end), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (!createType(text).isEmpty()) {
            return true;
        }
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return trimmed.matches("version=[123]");
            }
        }
        return false;
    }

    /**
     * qemu's own VMDK probe over its 2 KiB probe buffer: {@code #} lines are skipped whatever bytes they hold, lines
     * of spaces are skipped, and the first other line must be {@code version=1..3}. Binary bytes in a comment must
     * not hide a descriptor that qemu would open.
     */
    static boolean qemuProbesAsDescriptor(ByteWindow head) {
        int end = Math.min(head.filled(), QEMU_PROBE_BUFFER);
        int p = 0;
        while (p < end) {
            int c = head.u8(p);
            if (c == '#') {
                while (p < end && head.u8(p) != '\n') {
                    p++;
                }
                p++;
            } else if (c == ' ') {
                while (p < end && head.u8(p) == ' ') {
                    p++;
                }
                if (p < end && head.u8(p) == '\r') {
                    p++;
                }
                if (p == end || head.u8(p) != '\n') {
                    return false;
                }
                p++;
            } else {
                return versionLine(head, p, end, "\n") || versionLine(head, p, end, "\r\n");
            }
        }
        return false;
    }

    private static boolean versionLine(ByteWindow head, int p, int end, String lineEnd) {
        for (char version = '1'; version <= '3'; version++) {
            String line = "version=" + version + lineEnd;
            if (end - p >= line.length() && head.matches(p, line)) {
                return true;
            }
        }
        return false;
    }

    /** The createType, lowercased, or empty when absent or implausibly long. */
    static String createType(String text) {
        int start = text.indexOf("createtype=\"");
        if (start < 0) {
            return "";
        }
        start += "createtype=\"".length();
        int end = text.indexOf('"', start);
        return end < 0 || end - start >= 64 ? "" : text.substring(start, end);
    }

    /** Lowercased descriptor text up to the first NUL, or null when it is not ASCII. */
    static String decode(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            if (raw[end] < 0) {
                return null;
            }
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    }

    static List<String> check(byte[] raw) {
        String text = decode(raw);
        if (text == null) {
            return List.of("vmdk: descriptor is not ASCII text");
        }
        List<String> violations = new ArrayList<>();
        String type = createType(text);
        if (!SAFE_TYPES.contains(type)) {
            violations.add("vmdk: unsupported createType \"" + (type.isEmpty() ? "(none)" : type) + "\"");
        }
        if (text.contains("parentfilenamehint")) {
            // qemu looks for the hint anywhere in the descriptor, so this does too
            violations.add("vmdk: image has a parent (backing) file");
        }
        int extents = 0;
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("ddb")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).indexOf(' ') < 0) {
                continue;
            } else if (EXTENT_ACCESS.contains(line.split(" ", 2)[0])) {
                extents++;
                if (line.indexOf('/') >= 0) {
                    violations.add("vmdk: extent refers to a file path");
                }
            } else {
                violations.add("vmdk: invalid descriptor line");
            }
        }
        if (extents == 0) {
            violations.add("vmdk: descriptor has no extents");
        }
        return violations.stream().distinct().toList();
    }
}
