/**
 * The S3 store: image data as objects in a bucket of Amazon S3 or an S3-compatible server (Ceph radosgw, MinIO),
 * configured and located exactly as glance_store's s3 driver does it, so upstream nodes and this service share
 * a bucket and a database.
 *
 * <p>Why a hand-signed client instead of the AWS SDK for Java v2: the store needs nine S3 calls, and SigV4 with
 * {@code UNSIGNED-PAYLOAD} over the JDK's {@code java.net.http.HttpClient} does them in a few hundred lines with no
 * dependency, where the SDK brings ~42 jars (~40 MiB) and, by default, sends {@code aws-chunked} bodies with
 * checksum trailers that radosgw 16, Swift's s3api and S3Proxy all refuse (it works only with
 * {@code WHEN_REQUIRED} checksums, chunked encoding off and path style forced). The signer is checked against
 * AWS's published examples ({@code SigV4SignerTest}) and the whole store against a real radosgw
 * ({@code S3StoreTest}). Unsigned payloads leave the body's integrity to TLS and TCP, as the SDK's own settings
 * for these servers do.
 *
 * <p>Timeouts: connections must open within 5 s; a request without a large body must be answered within 30 s;
 * an upload may take as long as it keeps moving ({@link org.glancej.store.s3.UploadProgress}: a slow client is
 * not a dead server); a download fails when the server sends nothing for 30 s
 * ({@link org.glancej.store.ResponseBodyStream}: the JDK client has no read timeout for bodies).
 */
package org.glancej.store.s3;
