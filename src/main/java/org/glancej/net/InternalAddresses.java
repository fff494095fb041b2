package org.glancej.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses reach the service's own network rather than the internet: what a URL supplied by a client
 * must not make the service fetch. IPv6 addresses that carry an IPv4 address (compatible, mapped, translated,
 * NAT64, 6to4, Teredo) are judged by that address too, since gateways deliver them to it.
 */
final class InternalAddresses {
    private InternalAddresses() {}

    /** What kind of internal address this is ("loopback", "link-local", ...), or empty for a public one. */
    static Optional<String> kind(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return kind4(toInt(v4.getAddress(), 0));
        }
        byte[] b = ((Inet6Address) address).getAddress();
        Optional<String> own = kind6(b);
        if (own.isPresent()) {
            return own;
        }
        for (int embedded : embeddedIpv4(b)) {
            Optional<String> kind = kind4(embedded);
            if (kind.isPresent()) {
                return kind;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> kind4(int a) {
        if (a == 0) {
            return Optional.of("unspecified");
        }
        if (a == -1) {
            return Optional.of("broadcast");
        }
        if (in(a, 0x7f000000, 8)) {
            return Optional.of("loopback");
        }
        if (in(a, 0xa9fe0000, 16)) {
            return Optional.of("link-local");
        }
        if (in(a, 0x0a000000, 8) || in(a, 0xac100000, 12) || in(a, 0xc0a80000, 16)) {
            return Optional.of("private");
        }
        if (in(a, 0x64400000, 10)) {
            return Optional.of("private (shared address space)");
        }
        if (in(a, 0xe0000000, 4)) {
            return Optional.of("multicast");
        }
        // 0/8 "this network", 192.0.0/24 protocol assignments, 198.18/15 benchmarking, 240/4 reserved
        if (in(a, 0, 8) || in(a, 0xc0000000, 24) || in(a, 0xc6120000, 15) || in(a, 0xf0000000, 4)) {
            return Optional.of("reserved");
        }
        return Optional.empty();
    }

    private static Optional<String> kind6(byte[] b) {
        int first = toInt(b, 0);
        boolean zero96 = first == 0 && toInt(b, 4) == 0 && toInt(b, 8) == 0;
        if (zero96 && toInt(b, 12) == 0) {
            return Optional.of("unspecified");
        }
        if (zero96 && toInt(b, 12) == 1) {
            return Optional.of("loopback");
        }
        int top16 = first >>> 16;
        if ((top16 & 0xffc0) == 0xfe80) {
            return Optional.of("link-local");
        }
        if ((top16 & 0xffc0) == 0xfec0) {
            return Optional.of("private (site-local)");
        }
        if ((top16 & 0xfe00) == 0xfc00) {
            return Optional.of("private (unique local)");
        }
        if ((top16 & 0xff00) == 0xff00) {
            return Optional.of("multicast");
        }
        if (first == 0x01000000 && toInt(b, 4) == 0) {
            return Optional.of("reserved"); // 100::/64 discard
        }
        return Optional.empty();
    }

    /** IPv4 addresses an IPv6 address carries under the transition schemes gateways honour. */
    private static int[] embeddedIpv4(byte[] b) {
        int first = toInt(b, 0);
        int second = toInt(b, 4);
        int third = toInt(b, 8);
        int last = toInt(b, 12);
        if (first == 0 && second == 0 && (third == 0 || third == 0xffff || third == 0xffff0000)) {
            return new int[] {last}; // compatible ::a.b.c.d, mapped ::ffff:a.b.c.d, translated ::ffff:0:a.b.c.d
        }
        if (first == 0x0064ff9b && (second == 0 && third == 0 || (second >>> 16) == 1)) {
            return new int[] {last}; // NAT64 64:ff9b::/96 and the local-use 64:ff9b:1::/48
        }
        if ((first >>> 16) == 0x2002) {
            return new int[] {(first << 16) | (second >>> 16)}; // 6to4 2002:AABB:CCDD::
        }
        if (first == 0x20010000) {
            return new int[] {second, ~last}; // Teredo: server, then the client's obfuscated address
        }
        return new int[0];
    }

    private static boolean in(int address, int network, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (address & mask) == (network & mask);
    }

    private static int toInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
