/**
 * The read-only http store: image data that stays on a web server, at the http(s) location a client gave
 * (upstream's {@code http} store type, in {@code stores = file,http} by default).
 *
 * <p>Options, by glance_store's names, in {@code [glance_store]} or the backend's own section:
 * <ul>
 *   <li>{@code https_insecure}: whether server certificates go unchecked. Upstream defaults it to True; this
 *       service defaults it to False and verifies certificates against the JDK's trusted CAs.</li>
 *   <li>{@code https_ca_certificates_file}: a PEM bundle of the CAs to trust instead; when set,
 *       {@code https_insecure} is ignored, as upstream does.</li>
 *   <li>{@code http_proxy_information}: not available; startup stops if it is set, since a proxy would resolve
 *       names where the URL guard cannot check them.</li>
 * </ul>
 * Which URLs may be fetched is upstream's {@code [import_filtering_opts]}, applied by
 * {@link org.glancej.net.UrlGuard} to every location, before it is read and on every redirect (at most five);
 * internal hosts are refused unless listed in {@code allowed_hosts}, and ports other than 80 and 443 unless
 * listed in {@code allowed_ports}. Connections time out after
 * {@link org.glancej.store.http.HttpStoreConfig#CONNECT_TIMEOUT} to connect and
 * {@link org.glancej.store.http.HttpStoreConfig#READ_TIMEOUT} without data.
 */
package org.glancej.store.http;
