package org.glancej.keystone;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import org.glancej.common.TlsTrust;
import org.glancej.config.ConfigException;

/**
 * How to talk to Keystone over HTTP, as keystoneauth's session options say it: {@code cafile} (the only CAs
 * trusted; null for the JVM's), {@code insecure} (no certificate or host name check at all), the timeouts, and
 * how many times a connection failure or a 5xx answer is tried again.
 */
public record KeystoneHttpOptions(Path cafile, boolean insecure, Duration connectTimeout, Duration requestTimeout,
        int maxRetries) {

    /** keystonemiddleware's defaults: 10 s to connect, 3 retries; a whole answer within 30 s. */
    public static final KeystoneHttpOptions DEFAULTS =
            new KeystoneHttpOptions(null, false, Duration.ofSeconds(10), Duration.ofSeconds(30), 3);

    public KeystoneHttpOptions {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries is negative");
        }
    }

    public KeystoneHttpOptions withCafile(Path cafile) {
        return new KeystoneHttpOptions(cafile, insecure, connectTimeout, requestTimeout, maxRetries);
    }

    public KeystoneHttpOptions withInsecure(boolean insecure) {
        return new KeystoneHttpOptions(cafile, insecure, connectTimeout, requestTimeout, maxRetries);
    }

    public KeystoneHttpOptions withTimeouts(Duration connect, Duration request) {
        return new KeystoneHttpOptions(cafile, insecure, connect, request, maxRetries);
    }

    public KeystoneHttpOptions withMaxRetries(int retries) {
        return new KeystoneHttpOptions(cafile, insecure, connectTimeout, requestTimeout, retries);
    }

    /**
     * A CA bundle option's value, checked at startup: null when blank, else a readable file with at least one
     * PEM certificate, or a {@link ConfigException} naming {@code option} (e.g. {@code [oslo_limit] cafile}).
     */
    public static Path cafile(String value, String option) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path path = Path.of(value.strip());
        try {
            if (TlsTrust.certificates(path).isEmpty()) {
                throw new ConfigException("invalid value for " + option + " = " + value + ": no PEM certificates in it");
            }
        } catch (IOException e) {
            throw new ConfigException("invalid value for " + option + " = " + value + ": not a readable file", e);
        } catch (CertificateException e) {
            throw new ConfigException("invalid value for " + option + " = " + value + ": " + e.getMessage(), e);
        }
        return path;
    }
}
