package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.glancej.keystone.KeystoneToken;
import org.junit.jupiter.api.Test;

/**
 * An upload that outlives the caller's token, with the second Keystone of {@code scripts/keystone.sh start-short}
 * issuing 30-second tokens: the caller's token and, with the store's user authenticating there too, every token
 * of the trust. Sent at a throttled rate for about 50 s, it completes active with the right checksum in the
 * caller's project account, because the store acts through a trust whose tokens it renews within
 * {@code swift_store_expire_soon_interval}; with {@code swift_store_use_trusts = False} the same upload dies with
 * the caller's token, as upstream's would.
 */
class SwiftMultiTenantTokenExpiryTest {
    private static final int SIZE = 4 * 1024 * 1024 + 11;
    private static final int BYTES_PER_SECOND = 85_000;

    @Test
    void anUploadOutlivingTheCallersTokenCompletesThroughATrust() throws Exception {
        MultiTenantSwiftApi swift = MultiTenantSwiftApi.require();
        swift.keystone.shortLivedDemoToken(); // skips without the short-token Keystone
        String shortKeystone = System.getenv("GLANCE_KEYSTONE_SHORT_URL").replaceAll("/+$", "") + "/v3";
        ApiServerExtension server = swift.server(shortKeystone, "swift_store_expire_soon_interval = 20");
        server.start();
        String id = null;
        try {
            byte[] data = SwiftMultiTenantApiTest.bytes(SIZE);
            KeystoneToken token = swift.keystone.shortLivedDemoToken();
            id = MultiTenantSwiftApi.createImage(server, token.id());

            HttpResponse<String> upload = throttledUpload(server, token.id(), id, data);

            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
            assertThat(Instant.now()).as("the upload outlived the token").isAfter(token.expiresAt());
            assertThat(server.send(server.request("/v2/images/" + id).header("X-Auth-Token", token.id())).statusCode())
                    .as("the caller's token has expired").isEqualTo(401);
            KeystoneToken demo = swift.keystone.demoAuthenticated();
            JsonNode image = MultiTenantSwiftApi.show(server, demo.id(), id);
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("checksum").asText()).isEqualTo(SwiftMultiTenantApiTest.md5(data));
            HttpResponse<byte[]> direct = MultiTenantSwiftApi.swift(demo.id(), SwiftMultiTenantApiTest.storageUrl(demo),
                    "GET", SwiftMultiTenantApiTest.object(id));
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(direct.body()).isEqualTo(data);
        } finally {
            cleanUp(swift, server, id);
        }
    }

    @Test
    void withoutTrustsTheSameUploadDiesWithTheToken() throws Exception {
        MultiTenantSwiftApi swift = MultiTenantSwiftApi.require();
        KeystoneToken token = swift.keystone.shortLivedDemoToken();
        ApiServerExtension server = swift.server(swift.authAddress, "swift_store_use_trusts = false");
        server.start();
        String id = null;
        try {
            id = MultiTenantSwiftApi.createImage(server, token.id());

            HttpResponse<String> upload = throttledUpload(server, token.id(), id, SwiftMultiTenantApiTest.bytes(SIZE));

            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(503);
            KeystoneToken demo = swift.keystone.demoAuthenticated();
            assertThat(MultiTenantSwiftApi.show(server, demo.id(), id).get("status").asText()).isEqualTo("queued");
        } finally {
            cleanUp(swift, server, id);
        }
    }

    private static HttpResponse<String> throttledUpload(ApiServerExtension server, String token, String id, byte[] data)
            throws Exception {
        return server.send(server.request("/v2/images/" + id + "/file").header("X-Auth-Token", token)
                .header("Content-Type", "application/octet-stream").timeout(Duration.ofMinutes(3))
                .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new Throttled(data)),
                        data.length)));
    }

    /** Deletes the image, and whatever a failed upload left in the demo project's account. */
    private static void cleanUp(MultiTenantSwiftApi swift, ApiServerExtension server, String id) throws Exception {
        try {
            if (id != null) {
                KeystoneToken demo = swift.keystone.demoAuthenticated();
                server.send(server.request("/v2/images/" + id).header("X-Auth-Token", demo.id()).DELETE());
                String storage = SwiftMultiTenantApiTest.storageUrl(demo);
                String container = SwiftMultiTenantApiTest.container(id);
                HttpResponse<byte[]> listing = MultiTenantSwiftApi.swift(demo.id(), storage, "GET",
                        container + "?format=json");
                if (listing.statusCode() == 200) {
                    List<String> names = new ArrayList<>();
                    MultiTenantSwiftApi.JSON.readTree(listing.body()).forEach(e -> names.add(e.get("name").asText()));
                    for (String name : names) {
                        MultiTenantSwiftApi.swift(demo.id(), storage, "DELETE", container + "/" + name);
                    }
                    MultiTenantSwiftApi.swift(demo.id(), storage, "DELETE", container);
                }
            }
        } finally {
            server.stop();
        }
    }

    /** The data at {@code BYTES_PER_SECOND}, as a slow client sends it. */
    private static final class Throttled extends InputStream {
        private final byte[] data;
        private final long start = System.nanoTime();
        private int position;

        Throttled(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 16 * 1024), data.length - position);
            long due = start + (long) ((position + n) * 1e9 / BYTES_PER_SECOND);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }
}
