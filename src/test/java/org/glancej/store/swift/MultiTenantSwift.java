package org.glancej.store.swift;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import org.glancej.config.ConfigFile;
import org.glancej.keystone.KeystoneHttpOptions;
import org.glancej.keystone.KeystoneToken;
import org.glancej.store.StoreCaller;
import org.glancej.store.StoreSection;

/**
 * A multi-tenant store against the Keystone proxy of {@code scripts/swift.sh} (whose object-store endpoints are in
 * Keystone's catalog), the glance user of the project service its trustee; and Swift as a project's own client
 * sees it, with that project user's token.
 */
final class MultiTenantSwift {
    static final String CONTAINER = "glance-mt-test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MultiTenantSwift() {}

    /** {@code [glance_store]} of a multi-tenant store on {@code server}'s Keystone, with {@code extra} lines. */
    static String options(SwiftTestServer server, String extra) {
        return "[glance_store]\n"
                + "swift_store_multi_tenant = true\n"
                + "swift_store_auth_address = " + server.authAddress() + "\n"
                + "swift_store_user = " + server.user() + "\n"
                + "swift_store_key = " + server.key() + "\n"
                + "swift_store_container = " + CONTAINER + "\n"
                + "swift_store_create_container_on_put = true\n"
                + extra;
    }

    /** A store whose large objects start at {@code largeObjectSize} bytes, in segments of {@code chunkSize}. */
    static MultiTenantSwiftStore store(SwiftTestServer server, String extra, long largeObjectSize, long chunkSize) {
        StoreSection section = new StoreSection(ConfigFile.parse(options(server, extra)), "glance_store", "swift",
                null);
        SwiftStoreConfig config = SwiftStoreConfig.from(section).with(largeObjectSize, chunkSize, Duration.ofSeconds(20));
        return SwiftStoreFactory.createMultiTenant(config, MultiTenantOptions.from(section), HttpClient.newHttpClient(),
                KeystoneHttpOptions.DEFAULTS);
    }

    static StoreCaller caller(KeystoneToken token) {
        return new StoreCaller(token.id(), token.userId(), token.projectId(), token.roles(), token.catalog());
    }

    /** The project's storage URL in the token's catalog. */
    static String storageUrl(KeystoneToken token) {
        return token.catalog().url("object-store", "public", null).orElseThrow(
                () -> new AssertionError("no object-store endpoint in the catalog: run GLANCE_SWIFT_KEYSTONE=1 "
                        + "scripts/swift.sh start"));
    }

    /** A request to the token's project account, with the token, e.g. {@code ("GET", "/c?format=json")}. */
    static SwiftTestServer.Answer request(KeystoneToken token, String method, String path) throws Exception {
        return request(token.id(), storageUrl(token), method, path);
    }

    static SwiftTestServer.Answer request(String token, String storageUrl, String method, String path)
            throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(storageUrl + path))
                .header("X-Auth-Token", token).method(method, BodyPublishers.noBody()).build(),
                BodyHandlers.ofByteArray());
        return new SwiftTestServer.Answer(response.statusCode(), response.headers().map(), response.body());
    }

    /** The objects of the image's container in the token's project account; none when it is missing. */
    static List<String> objects(KeystoneToken token, String imageId) throws Exception {
        SwiftTestServer.Answer answer = request(token, "GET", "/" + CONTAINER + "_" + imageId + "?format=json");
        if (answer.status() == 404) {
            return List.of();
        }
        if (answer.status() / 100 != 2) {
            throw new AssertionError("listing the container answered " + answer.status());
        }
        List<String> names = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body())
                .forEach(e -> names.add(e.get("name").asText()));
        return names;
    }
}
