package org.glancej.net;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a URL's host the way lenient clients do, so that no spelling of an internal address slips past: percent
 * escapes are decoded, internationalized names mapped to ASCII (which folds full-width digits and dots), a
 * trailing dot dropped, and anything ending in a number read as an IPv4 address with inet_aton's rules
 * (decimal, octal, hex, one to four parts). Such an address must be spelled in the standard dotted form;
 * any other spelling, an IPv4-mapped IPv6 literal included, is refused whatever it decodes to.
 */
final class HostSpelling {
    /** A host: an IP literal ({@code address} set) or an ASCII name. */
    record Host(String text, InetAddress address) {
        boolean literal() {
            return address != null;
        }
    }

    private HostSpelling() {}

    /** @param raw the host as written in the URL; an IPv6 literal with its brackets */
    static Host parse(String raw) {
        if (raw.isEmpty()) {
            throw UrlRefusedException.refused("the URL has no host");
        }
        if (raw.startsWith("[")) {
            return ipv6(raw);
        }
        String host = raw.indexOf('%') >= 0 ? percentDecoded(raw) : raw;
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw UrlRefusedException.refused("the URL's host is not a valid host name");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || !host.chars().allMatch(HostSpelling::nameChar)) {
            throw UrlRefusedException.refused("the URL's host is not a valid host name");
        }
        String lastLabel = host.substring(host.lastIndexOf('.') + 1);
        if (!lastLabel.isEmpty() && (lastLabel.chars().allMatch(Character::isDigit) || lastLabel.startsWith("0x"))) {
            InetAddress address = ipv4(host);
            if (!address.getHostAddress().equals(host)) {
                throw UrlRefusedException.refused("the URL's host " + host + " is a non-standard spelling of the IP address "
                        + address.getHostAddress());
            }
            return new Host(host, address);
        }
        return new Host(host, null);
    }

    private static Host ipv6(String raw) {
        if (!raw.endsWith("]") || raw.indexOf('%') >= 0) {
            // a zone id (fe80::1%eth0) picks an interface: never one a client may choose
            throw UrlRefusedException.refused("the URL's host is not a valid IPv6 address");
        }
        String inner = raw.substring(1, raw.length() - 1);
        if (inner.isEmpty() || !inner.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw UrlRefusedException.refused("the URL's host is not a valid IPv6 address");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(inner);
        } catch (IllegalArgumentException e) {
            throw UrlRefusedException.refused("the URL's host is not a valid IPv6 address");
        }
        if (address instanceof java.net.Inet4Address) {
            // an IPv4-mapped address (::ffff:a.b.c.d): the IPv4 address has one spelling, the dotted one
            throw UrlRefusedException.refused("the URL's host " + raw + " is a non-standard spelling of the IP address "
                    + address.getHostAddress());
        }
        return new Host(address.getHostAddress(), address);
    }

    /** inet_aton: each part decimal, 0-prefixed octal or 0x-prefixed hex; the last fills the remaining bytes. */
    private static InetAddress ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            throw UrlRefusedException.refused("the URL's host " + host + " is not a valid IPv4 address");
        }
        long value = 0;
        for (int i = 0; i < parts.length; i++) {
            long part = number(parts[i], host);
            boolean last = i == parts.length - 1;
            long limit = last ? 1L << (8 * (4 - i)) : 256;
            if (part >= limit) {
                throw UrlRefusedException.refused("the URL's host " + host + " is not a valid IPv4 address");
            }
            value = last ? (value << (8 * (4 - i))) | part : (value << 8) | part;
        }
        byte[] bytes = ByteBuffer.allocate(4).putInt((int) value).array();
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static long number(String part, String host) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty() && radix == 16) {
            return 0; // "0x" alone is zero to inet_aton
        }
        if (digits.isEmpty() || digits.length() > 12) {
            throw UrlRefusedException.refused("the URL's host " + host + " is not a valid IPv4 address");
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw UrlRefusedException.refused("the URL's host " + host + " is not a valid IPv4 address");
        }
    }

    private static String percentDecoded(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw UrlRefusedException.refused("the URL's host has a malformed percent escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw UrlRefusedException.refused("the URL's host has a malformed percent escape");
        }
    }

    private static boolean nameChar(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_';
    }
}
