package org.glancej.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * The two Keystone v3 calls token validation needs: issuing the service user's own token and validating a
 * caller's token with it. Transport failures and Keystone's 5xx answers are retried, then reported as
 * {@link KeystoneUnavailableException}.
 */
final class KeystoneClient {
    /** The service user's token and when it stops being valid. */
    record ServiceToken(String id, Instant expiresAt) {}

    /** The service token itself was refused (expired or revoked): get a new one and try again. */
    static final class ServiceTokenRejectedException extends Exception {
        ServiceTokenRejectedException() {
            super("Keystone refused the service token", null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeystoneConfig config;
    private final HttpClient http;

    KeystoneClient(KeystoneConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.http = HttpClient.newBuilder().connectTimeout(config.httpTimeout()).build();
    }

    ServiceToken issueServiceToken() {
        HttpRequest request = request("auth/tokens?nocatalog")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(config.service().authRequest().toString()))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new KeystoneUnavailableException("the service user could not authenticate to Keystone (HTTP "
                    + response.statusCode() + "); check [keystone_authtoken]");
        }
        String id = response.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new KeystoneUnavailableException("Keystone issued a token without X-Subject-Token"));
        return new ServiceToken(id, ValidatedToken.fromJson(parse(response)).expiresAt());
    }

    /** The caller's token as Keystone describes it, or empty when Keystone says it is not valid. */
    Optional<ValidatedToken> validate(String serviceToken, String userToken) throws ServiceTokenRejectedException {
        HttpRequest request = request("auth/tokens?nocatalog")
                .header("X-Auth-Token", serviceToken)
                .header("X-Subject-Token", userToken)
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        return switch (response.statusCode()) {
            case 200 -> Optional.of(ValidatedToken.fromJson(parse(response)));
            case 404, 400 -> Optional.empty();
            case 401 -> throw new ServiceTokenRejectedException();
            default -> throw new KeystoneUnavailableException("Keystone answered token validation with HTTP "
                    + response.statusCode());
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(config.identityUri().resolve(path))
                .timeout(config.httpTimeout())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        IOException last = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    return response;
                }
                last = new IOException("HTTP " + response.statusCode());
            } catch (IOException e) {
                // a reset reused connection, a restarting Keystone: worth another try
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeystoneUnavailableException("interrupted while calling Keystone");
            }
        }
        throw new KeystoneUnavailableException("cannot reach Keystone at " + config.identityUri() + ": " + last);
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new KeystoneUnavailableException("Keystone's answer is not JSON");
        }
    }
}
