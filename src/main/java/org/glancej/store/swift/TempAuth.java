package org.glancej.store.swift;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Swift's version 1 authentication (tempauth, swauth): {@code GET <auth address>} with {@code X-Auth-User} and
 * {@code X-Auth-Key} answers {@code X-Auth-Token} and {@code X-Storage-Url}. The token is kept until a minute
 * before it expires ({@code X-Auth-Token-Expires}), or until a request finds it refused.
 */
final class TempAuth implements SwiftAuth {
    private static final Duration EXPIRE_SOON = Duration.ofSeconds(60);
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final HttpClient http;
    private final String authUrl;
    private final String user;
    private final String key;
    private final String endpoint;
    private final Duration timeout;
    private final Clock clock;
    private Session current;

    /** @param endpoint {@code swift_store_endpoint}: the storage URL to use instead of the one answered, or "" */
    TempAuth(HttpClient http, SwiftReference ref, String endpoint, Duration timeout, Clock clock) {
        this.http = requireNonNull(http, "http is null");
        this.authUrl = ref.authUrl();
        this.user = ref.user();
        this.key = ref.key();
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized Session session(boolean renew) {
        if (renew || current == null || current.expires().minus(EXPIRE_SOON).isBefore(clock.instant())) {
            current = authenticate();
        }
        return current;
    }

    @Override
    public String server() {
        return authUrl;
    }

    private Session authenticate() {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(authUrl)).timeout(timeout).GET()
                    .header("X-Auth-User", user).header("X-Auth-Key", key).build();
        } catch (IllegalArgumentException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Invalid Swift authentication address " + authUrl);
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request, BodyHandlers.discarding());
        } catch (IOException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Swift authentication at " + authUrl + " failed: "
                    + SwiftAccount.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "Interrupted while authenticating to Swift", e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new CredentialsRejected("Swift authentication at " + authUrl + " refused the credentials (" + status + ")");
        }
        var token = response.headers().firstValue("X-Auth-Token").or(() -> response.headers().firstValue("X-Storage-Token"));
        var storage = response.headers().firstValue("X-Storage-Url");
        if (status / 100 != 2 || token.isEmpty() || storage.isEmpty()) {
            throw new StoreException(Reason.UNAVAILABLE, "Swift authentication at " + authUrl + " answered " + status
                    + " without a token and storage URL");
        }
        Duration lifetime = response.headers().firstValueAsLong("X-Auth-Token-Expires").stream()
                .mapToObj(Duration::ofSeconds).findFirst().orElse(DEFAULT_LIFETIME);
        Instant expires = clock.instant().plus(lifetime);
        return new Session(endpoint.isEmpty() ? storage.get() : endpoint, token.get(), expires);
    }
}
