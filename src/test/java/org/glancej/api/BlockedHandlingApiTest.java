package org.glancej.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.glancej.keystone.FakeKeystone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every handling thread ({@code [api_server] max_active_requests}) blocked on a slow Keystone: another request
 * waits for one no longer than the patience (a second) and is then handled on its own connection's thread, and
 * the health check does not wait at all.
 */
class BlockedHandlingApiTest {
    static final FakeKeystone KEYSTONE = TokenCallers.keystone();

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension(TokenCallers.config(KEYSTONE) + """
            [api_server]
            max_active_requests = 1
            """);

    @Test
    void requestsBehindABlockedHandlingThreadAreHandledAfterThePatience() throws Exception {
        KEYSTONE.validationDelay = Duration.ofSeconds(4);
        try {
            int validations = KEYSTONE.validations.get();
            long blockedFrom = System.nanoTime();
            CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    API.send(API.request("/v2/images").header("X-Auth-Token", TokenCallers.MEMBER));
                    return millisSince(blockedFrom);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (KEYSTONE.validations.get() == validations) {
                Thread.sleep(10); // the one handling thread now waits for Keystone
            }

            long versionsFrom = System.nanoTime();
            HttpResponse<String> versions = API.send(API.request("/versions"));
            long versionsMillis = millisSince(versionsFrom);
            long healthFrom = System.nanoTime();
            HttpResponse<String> health = API.send(HttpRequest.newBuilder(API.uri("/healthcheck")));
            long healthMillis = millisSince(healthFrom);

            assertThat(versions.statusCode()).isEqualTo(200);
            assertThat(versionsMillis).as("versions behind the blocked thread, ms").isBetween(900L, 3_000L);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(healthMillis).as("health check, ms").isLessThan(900L);
            assertThat(blocked.get()).as("the blocked request, ms").isGreaterThanOrEqualTo(3_500L);
        } finally {
            KEYSTONE.validationDelay = Duration.ZERO;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
