package org.glancej.quota;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.glancej.auth.KeystoneCredentials;

/**
 * Authenticated GETs against Keystone's v3 API as the {@code [oslo_limit]} service user. The token is fetched on
 * first use, reused until shortly before it expires, and fetched again once if Keystone answers 401.
 */
final class KeystoneSession {
    /** keystoneauth also treats a token this close to expiry as expired. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeystoneCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private Token token; // guarded by this

    private record Token(String id, Instant expiresAt) {}

    KeystoneSession(KeystoneCredentials credentials, HttpClient http, Duration timeout, Clock clock) {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.http = requireNonNull(http, "http is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The JSON body at {@code path} (relative to the v3 root, query included); empty on 404. */
    Optional<JsonNode> get(String path) {
        URI uri = URI.create(credentials.identityUrl() + path);
        HttpResponse<String> response = send(authenticated(uri, currentToken(false)));
        if (response.statusCode() == 401) {
            response = send(authenticated(uri, currentToken(true)));
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure("GET " + uri, response);
        }
        return Optional.of(parse(uri, response.body()));
    }

    private HttpRequest authenticated(URI uri, String tokenId) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header("X-Auth-Token", tokenId).GET().build();
    }

    private synchronized String currentToken(boolean renew) {
        if (renew || token == null || !clock.instant().plus(EXPIRY_MARGIN).isBefore(token.expiresAt())) {
            token = authenticate();
        }
        return token.id();
    }

    private Token authenticate() {
        URI uri = URI.create(credentials.identityUrl() + "/auth/tokens");
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.authRequest().toString(), StandardCharsets.UTF_8)).build());
        Optional<String> id = response.headers().firstValue("X-Subject-Token");
        if (response.statusCode() != 201 || id.isEmpty()) {
            throw failure("authenticating " + credentials, response);
        }
        JsonNode expires = parse(uri, response.body()).path("token").path("expires_at");
        try {
            return new Token(id.get(), Instant.parse(expires.asText()));
        } catch (DateTimeParseException e) {
            throw new KeystoneLimitsException("Keystone's token has no readable expires_at: " + expires, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KeystoneLimitsException("cannot reach Keystone at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeystoneLimitsException("interrupted while asking Keystone at " + request.uri(), e);
        }
    }

    private static JsonNode parse(URI uri, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new KeystoneLimitsException("Keystone answered " + uri + " with invalid JSON", e);
        }
    }

    private static KeystoneLimitsException failure(String what, HttpResponse<String> response) {
        String message = "";
        try {
            message = JSON.readTree(response.body()).path("error").path("message").asText("");
        } catch (IOException ignored) {
            // no Keystone error document: the status says enough
        }
        return new KeystoneLimitsException("Keystone refused " + what + " with HTTP " + response.statusCode()
                + (message.isEmpty() ? "" : ": " + message));
    }
}
