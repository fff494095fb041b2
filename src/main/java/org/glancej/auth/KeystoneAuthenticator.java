package org.glancej.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/**
 * Keystone token validation, as keystonemiddleware's auth_token does it for upstream: the caller's
 * {@code X-Auth-Token} is checked with Keystone using the service user's own token, results are cached, and
 * identity comes only from Keystone's answer; headers such as {@code X-Roles} sent by the client are never
 * read.
 */
public final class KeystoneAuthenticator implements Authenticator {
    private static final int CACHE_ENTRIES = 10_000;
    /** Refresh the service token this long before Keystone would stop accepting it. */
    private static final Duration SERVICE_TOKEN_MARGIN = Duration.ofMinutes(2);
    /** Real tokens are a few hundred characters; anything far longer is not one. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final KeystoneClient keystone;
    private final TokenCache cache;
    private final Predicate<ValidatedToken> isAdmin;
    private final Clock clock;
    private final String rejectHeader;
    private final ReentrantLock serviceTokenLock = new ReentrantLock();
    private volatile KeystoneClient.ServiceToken serviceToken;

    /** @param isAdmin decides {@link RequestContext#isAdmin} ({@code context_is_admin}) for a validated token */
    public KeystoneAuthenticator(KeystoneConfig config, Predicate<ValidatedToken> isAdmin, Clock clock) {
        this(new KeystoneClient(config), config, isAdmin, clock);
    }

    KeystoneAuthenticator(KeystoneClient keystone, KeystoneConfig config, Predicate<ValidatedToken> isAdmin,
            Clock clock) {
        this.keystone = requireNonNull(keystone, "keystone is null");
        this.cache = new TokenCache(config.tokenCacheTime(), CACHE_ENTRIES, clock);
        this.isAdmin = requireNonNull(isAdmin, "isAdmin is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.rejectHeader = "Keystone uri=\"" + config.wwwAuthenticateUri() + "\"";
    }

    @Override
    public RequestContext authenticate(Optional<String> header) {
        String token = header.map(String::strip).filter(KeystoneAuthenticator::plausible)
                .orElseThrow(this::unauthorized);
        Optional<TokenCache.Entry> cached = cache.get(token);
        Optional<ValidatedToken> result = cached.isPresent() ? cached.get().token() : validate(token);
        if (cached.isEmpty()) {
            cache.put(token, result);
        }
        ValidatedToken valid = result.filter(t -> clock.instant().isBefore(t.expiresAt()))
                .orElseThrow(this::unauthorized);
        return new RequestContext(token, valid.userId(), valid.userName(), valid.userDomainId(), valid.projectId(),
                valid.projectName(), valid.projectDomainId(), valid.domainId(), valid.systemScope(), valid.roles(),
                isAdmin.test(valid));
    }

    private Optional<ValidatedToken> validate(String token) {
        KeystoneClient.ServiceToken service = serviceToken(null);
        try {
            return keystone.validate(service.id(), token);
        } catch (KeystoneClient.ServiceTokenRejectedException e) {
            try {
                return keystone.validate(serviceToken(service).id(), token);
            } catch (KeystoneClient.ServiceTokenRejectedException again) {
                throw new KeystoneUnavailableException("Keystone refuses the service user's token");
            }
        }
    }

    /** The current service token, fetched once for all waiting requests; {@code stale} forces a new one. */
    private KeystoneClient.ServiceToken serviceToken(KeystoneClient.ServiceToken stale) {
        KeystoneClient.ServiceToken current = serviceToken;
        if (usable(current, stale)) {
            return current;
        }
        serviceTokenLock.lock();
        try {
            current = serviceToken;
            if (!usable(current, stale)) {
                current = keystone.issueServiceToken();
                serviceToken = current;
            }
            return current;
        } finally {
            serviceTokenLock.unlock();
        }
    }

    private boolean usable(KeystoneClient.ServiceToken token, KeystoneClient.ServiceToken stale) {
        return token != null && token != stale
                && clock.instant().plus(SERVICE_TOKEN_MARGIN).isBefore(token.expiresAt());
    }

    private static boolean plausible(String token) {
        return !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH
                && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private GlanceException unauthorized() {
        return new GlanceException(ErrorKind.UNAUTHORIZED, "The request you have made requires authentication.",
                Map.of("WWW-Authenticate", rejectHeader), null);
    }
}
