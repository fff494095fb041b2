package org.glancej.keystone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.glancej.common.TlsTrust;
import org.glancej.keystone.KeystoneUnavailableException.Reason;

/**
 * The one HTTP client setup for Keystone, and its retry rule: a connection failure, a timeout or a 5xx answer
 * is tried again up to {@code maxRetries} times after a short pause that doubles (keystoneauth's and
 * keystonemiddleware's rule), then reported as {@link KeystoneUnavailableException} {@code UNREACHABLE}. Any
 * other answer is returned as it is.
 */
public final class KeystoneHttp {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final HttpClient client;
    private final KeystoneHttpOptions options;

    private KeystoneHttp(HttpClient client, KeystoneHttpOptions options) {
        this.client = client;
        this.options = options;
    }

    public static KeystoneHttp create(KeystoneHttpOptions options) {
        requireNonNull(options, "options is null");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.insecure()) {
            builder.sslContext(TlsTrust.anyone());
        } else if (options.cafile() != null) {
            builder.sslContext(trusting(options));
        }
        return new KeystoneHttp(builder.build(), options);
    }

    public KeystoneHttpOptions options() {
        return options;
    }

    /** The TLS context in use (the JVM's default unless {@code cafile} or {@code insecure} is set). */
    public SSLContext sslContext() {
        return client.sslContext();
    }

    KeystoneResponse send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(options.requestTimeout()).header("Accept", "application/json").build();
        String what = request.method() + " " + request.uri();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 0; ; attempt++) {
            String failure;
            int status = 0;
            try {
                HttpResponse<String> response = client.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                KeystoneResponse answer = new KeystoneResponse(what, response.statusCode(), response.headers(),
                        response.body());
                if (response.statusCode() < 500) {
                    return answer;
                }
                status = response.statusCode();
                failure = "Keystone answered " + what + " with HTTP " + status + answer.errorSuffix();
            } catch (IOException e) {
                // a reset reused connection, a restarting Keystone: worth another try
                failure = "cannot reach Keystone for " + what + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeystoneUnavailableException(Reason.UNREACHABLE, "interrupted while calling " + what, e);
            }
            if (attempt >= options.maxRetries()) {
                throw new KeystoneUnavailableException(Reason.UNREACHABLE, status, failure);
            }
            pause(pause);
            pause = pause.multipliedBy(2);
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeystoneUnavailableException(Reason.UNREACHABLE, "interrupted while waiting to retry Keystone", e);
        }
    }

    private static SSLContext trusting(KeystoneHttpOptions options) {
        try {
            return TlsTrust.bundle(options.cafile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + options.cafile(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the CA file " + options.cafile() + ": " + e.getMessage(), e);
        }
    }
}
