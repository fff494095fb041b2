/**
 * The sources an import reads itself: web-download (a URL the client gives) and glance-download (an image of
 * another region's image service, found in the caller's Keystone catalog and read with the caller's token).
 *
 * <p>{@link org.glancej.imports.source.ImportSources} is the entry point: it checks a web-download URI when the
 * import is asked for, and opens either source in the import's task, giving a stream the ingest reads once.
 * What it guarantees, beyond upstream's {@code [import_filtering_opts]}:
 * <ul>
 *   <li>every URL, the glance endpoint's included, passes {@link org.glancej.net.UrlGuard} when the import is
 *       asked for (web-download), again when the data is read, and on every redirect (at most ten); the name is
 *       resolved once per check and the connection goes only to the addresses checked;</li>
 *   <li>internal addresses (loopback, link-local and the metadata service, private, unspecified, ...) in every
 *       spelling are refused unless their host is listed in {@code allowed_hosts};</li>
 *   <li>{@code image_size_cap} holds while reading, whatever Content-Length says; a Content-Length over it is
 *       refused before the first byte; a glance-download must have exactly the remote image's size;</li>
 *   <li>a connection must open within 10 s, and a source that sends nothing for 60 s ends the read with an
 *       error saying so; a source that closes early fails the read, never passes for complete data;</li>
 *   <li>the caller's token goes to the other region's endpoint only, not to a redirect's other host.</li>
 * </ul>
 */
package org.glancej.imports.source;
