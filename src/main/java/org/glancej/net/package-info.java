/**
 * Fetching URLs that clients supply without letting them reach the service's own network (server-side request
 * forgery: OSSA-2026-004 and the later fixes for DNS rebinding and http locations).
 *
 * <p>{@link org.glancej.net.UrlGuard} checks a URL before it is stored as a location, before it is read and
 * on every redirect hop. It refuses:
 * <ul>
 *   <li>schemes other than http and https, and those {@code [import_filtering_opts] allowed_schemes} leaves out
 *       (or {@code disallowed_schemes} names, when no allow list is given);</li>
 *   <li>user information ({@code http://user@host/}, {@code http://allowed@evil/}), spaces, control characters
 *       and backslashes anywhere, unencoded non-ASCII characters in the path, IPv6 zone ids;</li>
 *   <li>hosts that are, or resolve to, an internal address: loopback (127/8, ::1), link-local (169.254/16 with
 *       the metadata service 169.254.169.254, fe80::/10), private (10/8, 172.16/12, 192.168/16, 100.64/10,
 *       fc00::/7, fec0::/10), unspecified (0.0.0.0, ::), multicast, broadcast and reserved ranges, also when an
 *       IPv6 address carries such an IPv4 address (compatible ::127.0.0.1, translated ::ffff:0:127.0.0.1,
 *       NAT64, 6to4, Teredo); a name is refused if any of its addresses is internal;</li>
 *   <li>IPv4 addresses in any spelling but the standard dotted one (2130706433, 0x7f000001, 0x7f.1,
 *       0177.0.0.1, 127.1, and IPv4-mapped IPv6 literals such as [::ffff:127.0.0.1] or [::ffff:7f00:1]),
 *       whatever they decode to, even when the address is allowed; hosts are read after percent-decoding, IDN mapping (which
 *       folds full-width digits and dots) and dropping a trailing dot, so those spellings are caught too;</li>
 *   <li>hosts not in {@code allowed_hosts} when it is set, or in {@code disallowed_hosts}; ports not in
 *       {@code allowed_ports} (default 80 and 443, as upstream) or in {@code disallowed_ports}.</li>
 * </ul>
 * An operator who keeps images on an internal server lists its host, as the URL names it, in
 * {@code [import_filtering_opts] allowed_hosts} (and its port in {@code allowed_ports}); as upstream, a
 * non-empty {@code allowed_hosts} then admits only the hosts it lists.
 *
 * <p>A name is resolved once per request; the check returns the addresses it judged, and clients connect only to
 * those ({@link org.glancej.net.CheckedUrl}), so a name cannot resolve to a public address for the check and
 * to an internal one for the connection.
 */
package org.glancej.net;
