package org.glancej.keystone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.glancej.keystone.KeystoneUnavailableException.Reason;

/**
 * One Keystone's v3 API, reached through one configured {@link KeystoneHttp}: password authentication, the
 * calls made with a caller's own token (its catalog, trusts), and {@link KeystoneSession}s for the service's
 * own identities. Thread-safe; build one per configured Keystone and share it.
 */
public final class Keystone {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI v3Root;
    private final KeystoneHttp http;

    /** @param v3Root Keystone's v3 root, e.g. {@code http://controller:5000/v3} ({@link #v3Root(String)}) */
    public Keystone(URI v3Root, KeystoneHttp http) {
        String root = requireNonNull(v3Root, "v3Root is null").toString().replaceAll("/+$", "");
        this.v3Root = URI.create(root + "/");
        this.http = requireNonNull(http, "http is null");
    }

    public static Keystone at(URI v3Root, KeystoneHttpOptions options) {
        return new Keystone(v3Root, KeystoneHttp.create(options));
    }

    /**
     * The v3 root an {@code auth_url} leads to: keystoneauth discovers v3 under an unversioned URL (the install
     * guide's) and a {@code /v2.0} one, so both mean {@code <url>/v3}.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL with a host
     */
    public static URI v3Root(String authUrl) {
        String url = requireNonNull(authUrl, "authUrl is null").strip().replaceAll("/+$", "");
        if (url.endsWith("/v2.0")) {
            url = url.substring(0, url.length() - "/v2.0".length());
        }
        if (!url.endsWith("/v3")) {
            url = url + "/v3";
        }
        URI uri = URI.create(url);
        if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL");
        }
        return uri;
    }

    /** The v3 root, without a trailing slash. */
    public URI v3Root() {
        String root = v3Root.toString();
        return URI.create(root.substring(0, root.length() - 1));
    }

    public KeystoneHttp http() {
        return http;
    }

    /**
     * A session for one of this service's identities, authenticating at this Keystone (whatever the credentials'
     * {@code identityUrl} says); {@code origin} names its configuration in messages.
     */
    public KeystoneSession session(KeystoneCredentials credentials, String origin, Clock clock) {
        return new KeystoneSession(this, credentials, origin, clock);
    }

    /**
     * A new token for the credentials, with its catalog.
     *
     * @throws KeystoneUnavailableException {@code REFUSED} for wrong credentials, naming {@code origin} but never
     *     the password
     */
    public KeystoneToken authenticate(KeystoneCredentials credentials, String origin) {
        KeystoneResponse response = send("POST", "auth/tokens", null, Map.of(), credentials.authRequest().toString());
        if (response.status() != 201 && response.status() != 200) {
            throw response.refused("the credentials of " + origin + " (" + credentials + ")");
        }
        String id = response.header("X-Subject-Token").orElseThrow(() -> new KeystoneUnavailableException(
                Reason.BAD_ANSWER, response.status(), "Keystone issued a token without X-Subject-Token"));
        return KeystoneToken.fromJson(id, response.json());
    }

    /** The catalog of a caller's token ({@code GET /v3/auth/catalog}); {@code REFUSED} when the token is not valid. */
    public ServiceCatalog catalogOf(String token) {
        KeystoneResponse response = send("GET", "auth/catalog", requireNonNull(token, "token is null"), Map.of(), null);
        if (response.status() != 200) {
            throw response.refused("the caller's token reading the service catalog");
        }
        return ServiceCatalog.fromJson(response.json().path("catalog"));
    }

    /**
     * A trust from the caller (trustor, whose token this is) to one of this service's users (trustee) on the
     * caller's project with the caller's roles, impersonating the caller; its id. The trustee then authenticates
     * with {@link KeystoneCredentials#withTrust} to act for the caller after the caller's token expires.
     */
    public String createTrust(String trustorToken, String trustorUserId, String trusteeUserId, String projectId,
            List<String> roles) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode trust = body.putObject("trust").put("trustor_user_id", trustorUserId)
                .put("trustee_user_id", trusteeUserId).put("project_id", projectId).put("impersonation", true);
        ArrayNode roleList = trust.putArray("roles");
        roles.forEach(role -> roleList.addObject().put("name", role));
        KeystoneResponse response = send("POST", "OS-TRUST/trusts", trustorToken, Map.of(), body.toString());
        if (response.status() != 201) {
            throw response.refused("creating a trust for user " + trustorUserId);
        }
        return response.json().path("trust").path("id").asText();
    }

    /** Deletes a trust (with the trustor's token, or an admin's); a trust already gone is not an error. */
    public void deleteTrust(String token, String trustId) {
        KeystoneResponse response = send("DELETE", "OS-TRUST/trusts/" + trustId, token, Map.of(), null);
        if (response.status() != 204 && response.status() != 404) {
            throw response.refused("deleting trust " + trustId);
        }
    }

    /**
     * Any v3 call, retried as {@link KeystoneHttp} does, the answer returned whatever its status.
     *
     * @param path relative to the v3 root, query included (a leading slash is ignored)
     * @param token sent as {@code X-Auth-Token}, or null
     * @param jsonBody the request body, or null for none
     */
    public KeystoneResponse send(String method, String path, String token, Map<String, String> headers,
            String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(v3Root.resolve(path.replaceFirst("^/+", "")));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        if (jsonBody != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request);
    }
}
