package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.glancej.keystone.KeystoneToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multi-tenant Swift through the API: users of two projects upload, each image's data lands in its own
 * project's account (not the service's), where the other project cannot read it; the container carries the admin
 * tenants' write list; downloads and deletes act with the caller's token, and a delete takes the container too.
 * Sharing an image, or making it public, sets the container's read list so that other projects' users can
 * download it through the service with their own tokens.
 */
class SwiftMultiTenantApiTest {
    private static MultiTenantSwiftApi swift;
    private static ApiServerExtension server;
    private static final List<String[]> created = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        swift = MultiTenantSwiftApi.require();
        server = swift.server(swift.authAddress, "swift_store_admin_tenants = " + swift.serviceProjectId);
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            for (String[] tokenAndId : created) {
                server.send(server.request("/v2/images/" + tokenAndId[1]).header("X-Auth-Token", tokenAndId[0]).DELETE());
            }
            server.stop();
        }
    }

    @Test
    void eachProjectsDataIsInItsOwnAccountWhichTheOtherProjectCannotRead() throws Exception {
        KeystoneToken admin = swift.keystone.adminAuthenticated();
        KeystoneToken demo = swift.keystone.demoAuthenticated();
        byte[] small = bytes(300_000);
        byte[] large = bytes(2_500_000); // above swift_store_large_object_size: segments, through a trust

        String adminsImage = upload(admin, small);
        String demosImage = upload(demo, large);

        assertStoredInOwnAccount(admin, adminsImage, small, List.of(adminsImage));
        assertStoredInOwnAccount(demo, demosImage, large,
                List.of(demosImage, demosImage + "-00001", demosImage + "-00002", demosImage + "-00003"));
        assertThat(storageUrl(admin)).isNotEqualTo(storageUrl(demo))
                .doesNotContain(swift.serviceProjectId);
        assertThat(MultiTenantSwiftApi.swift(demo.id(), storageUrl(admin), "GET", object(adminsImage)).statusCode())
                .isEqualTo(403);
        assertThat(MultiTenantSwiftApi.swift(admin.id(), storageUrl(demo), "GET", object(demosImage)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theLocationIsTheStorageUrlWithoutCredentialsAndAnotherImageMayUseIt() throws Exception {
        KeystoneToken admin = swift.keystone.adminAuthenticated();
        byte[] data = bytes(50_000);
        String id = upload(admin, data);

        String url = MultiTenantSwiftApi.show(server, admin.id(), id).get("locations").get(0).get("url").asText();
        assertThat(url).isEqualTo("swift+http://" + storageUrl(admin).substring("http://".length())
                + object(id));

        String other = MultiTenantSwiftApi.createImage(server, admin.id());
        created.add(new String[] {admin.id(), other});
        HttpResponse<String> added = server.send(server.request("/v2/images/" + other)
                .header("X-Auth-Token", admin.id())
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", BodyPublishers.ofString("[{\"op\": \"add\", \"path\": \"/locations/-\", "
                        + "\"value\": {\"url\": \"" + url + "\", \"metadata\": {}}}]")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(MultiTenantSwiftApi.show(server, admin.id(), other).get("size").asLong()).isEqualTo(data.length);
        assertThat(download(admin, other).body()).isEqualTo(data);
    }

    @Test
    void anImportWritesWithTheTokenOfTheUserWhoAskedForItAndOpensAPublicImageToAll() throws Exception {
        KeystoneToken admin = swift.keystone.adminAuthenticated();
        KeystoneToken demo = swift.keystone.demoAuthenticated();
        byte[] data = bytes(1_200_000);
        String id = MultiTenantSwiftApi.createImage(server, admin.id());
        created.add(new String[] {admin.id(), id});
        patch(admin, id, "public");
        assertThat(server.send(server.request("/v2/images/" + id + "/stage").header("X-Auth-Token", admin.id())
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofByteArray(data)))
                .statusCode()).isEqualTo(204);

        HttpResponse<String> imported = server.send(server.request("/v2/images/" + id + "/import")
                .header("X-Auth-Token", admin.id()).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"method\": {\"name\": \"glance-direct\"}}")));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(202);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (!MultiTenantSwiftApi.show(server, admin.id(), id).get("status").asText().equals("active")) {
            assertThat(java.time.Instant.now()).as("import of " + id).isBefore(deadline);
            Thread.sleep(200);
        }

        HttpResponse<byte[]> listing = MultiTenantSwiftApi.swift(admin.id(), storageUrl(admin), "GET",
                container(id) + "?format=json");
        List<String> names = new ArrayList<>();
        MultiTenantSwiftApi.JSON.readTree(listing.body()).forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder(id, id + "-00001", id + "-00002");
        assertThat(readList(admin, id)).isEqualTo("*:*");
        assertThat(download(demo, id).body()).isEqualTo(data);
    }

    @Test
    void deleteRemovesTheObjectsAndTheImagesContainer() throws Exception {
        KeystoneToken demo = swift.keystone.demoAuthenticated();
        String id = upload(demo, bytes(1_500_000));
        assertThat(MultiTenantSwiftApi.swift(demo.id(), storageUrl(demo), "GET", container(id) + "?format=json")
                .statusCode()).isEqualTo(200);

        assertThat(server.send(server.request("/v2/images/" + id).header("X-Auth-Token", demo.id()).DELETE())
                .statusCode()).isEqualTo(204);

        assertThat(MultiTenantSwiftApi.swift(demo.id(), storageUrl(demo), "GET", container(id) + "?format=json")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void membersAndEveryoneForAPublicImageReadTheOwnersAccountThroughTheContainersReadList() throws Exception {
        KeystoneToken admin = swift.keystone.adminAuthenticated();
        KeystoneToken demo = swift.keystone.demoAuthenticated();
        byte[] data = bytes(200_000);
        String id = upload(admin, data);
        assertThat(download(demo, id).statusCode()).isEqualTo(404);

        patch(admin, id, "shared");
        HttpResponse<String> added = server.send(server.request("/v2/images/" + id + "/members")
                .header("X-Auth-Token", admin.id()).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"member\": \"" + demo.projectId() + "\"}")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

        assertThat(readList(admin, id)).isEqualTo(demo.projectId() + ":*");
        assertThat(download(demo, id).body()).isEqualTo(data);

        assertThat(server.send(server.request("/v2/images/" + id + "/members/" + demo.projectId())
                .header("X-Auth-Token", admin.id()).DELETE()).statusCode()).isEqualTo(204);
        assertThat(readList(admin, id)).isEmpty();
        assertThat(MultiTenantSwiftApi.swift(demo.id(), storageUrl(admin), "GET", object(id)).statusCode())
                .isEqualTo(403);

        patch(admin, id, "public");
        assertThat(readList(admin, id)).isEqualTo("*:*");
        assertThat(download(demo, id).body()).isEqualTo(data);
    }

    private static HttpResponse<byte[]> download(KeystoneToken user, String id) throws Exception {
        return server.sendForBytes(server.request("/v2/images/" + id + "/file").header("X-Auth-Token", user.id()));
    }

    private static void patch(KeystoneToken user, String id, String visibility) throws Exception {
        HttpResponse<String> response = server.send(server.request("/v2/images/" + id)
                .header("X-Auth-Token", user.id())
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", BodyPublishers.ofString("[{\"op\": \"replace\", \"path\": \"/visibility\", "
                        + "\"value\": \"" + visibility + "\"}]")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String readList(KeystoneToken owner, String id) throws Exception {
        return MultiTenantSwiftApi.swift(owner.id(), storageUrl(owner), "GET", container(id) + "?format=json&limit=1")
                .headers().firstValue("X-Container-Read").orElse("");
    }

    private static void assertStoredInOwnAccount(KeystoneToken user, String id, byte[] data, List<String> objects)
            throws Exception {
        JsonNode image = MultiTenantSwiftApi.show(server, user.id(), id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        assertThat(image.get("checksum").asText()).isEqualTo(md5(data));
        HttpResponse<byte[]> direct = MultiTenantSwiftApi.swift(user.id(), storageUrl(user), "GET", object(id));
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(data);
        HttpResponse<byte[]> listing = MultiTenantSwiftApi.swift(user.id(), storageUrl(user), "GET",
                container(id) + "?format=json");
        List<String> names = new ArrayList<>();
        MultiTenantSwiftApi.JSON.readTree(listing.body()).forEach(e -> names.add(e.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(objects);
        HttpResponse<byte[]> head = listing; // Swift answers a container HEAD 204 with a length, which the JDK refuses
        assertThat(head.headers().firstValue("X-Container-Write")).hasValue(swift.serviceProjectId + ":*");
        assertThat(head.headers().firstValue("X-Container-Read").orElse("")).isEmpty();
        HttpResponse<byte[]> download = server.sendForBytes(server.request("/v2/images/" + id + "/file")
                .header("X-Auth-Token", user.id()));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
    }

    private static String upload(KeystoneToken user, byte[] data) throws Exception {
        String id = MultiTenantSwiftApi.createImage(server, user.id());
        created.add(new String[] {user.id(), id});
        HttpResponse<String> response = server.send(server.request("/v2/images/" + id + "/file")
                .header("X-Auth-Token", user.id()).header("Content-Type", "application/octet-stream")
                .PUT(BodyPublishers.ofByteArray(data)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        return id;
    }

    static String storageUrl(KeystoneToken user) {
        return user.catalog().url("object-store", "public", null).orElseThrow();
    }

    static String container(String id) {
        return "/" + MultiTenantSwiftApi.CONTAINER + "_" + id;
    }

    static String object(String id) {
        return container(id) + "/" + id;
    }

    static byte[] bytes(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
