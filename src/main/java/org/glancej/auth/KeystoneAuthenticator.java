package org.glancej.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.keystone.KeystoneSession;
import org.glancej.keystone.KeystoneToken;

/**
 * Keystone token validation, as keystonemiddleware's auth_token does it for upstream: the caller's
 * {@code X-Auth-Token} is checked with Keystone using the service user's own session, results are cached, and
 * identity comes only from Keystone's answer; headers such as {@code X-Roles} sent by the client are never
 * read.
 */
public final class KeystoneAuthenticator implements Authenticator {
    private static final int CACHE_ENTRIES = 10_000;
    /** Real tokens are a few hundred characters; anything far longer is not one. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final KeystoneSession service;
    private final TokenCache cache;
    private final Predicate<KeystoneToken> isAdmin;
    private final Clock clock;
    private final String rejectHeader;
    private final boolean withCatalog;

    /** @param isAdmin decides {@link RequestContext#isAdmin} ({@code context_is_admin}) for a validated token */
    public KeystoneAuthenticator(KeystoneConfig config, Predicate<KeystoneToken> isAdmin, Clock clock) {
        this(config.keystone().session(config.service(), "[" + KeystoneConfig.SECTION + "]", clock), config,
                isAdmin, clock);
    }

    /** @param service the session of {@code [keystone_authtoken]}'s user */
    public KeystoneAuthenticator(KeystoneSession service, KeystoneConfig config, Predicate<KeystoneToken> isAdmin,
            Clock clock) {
        this.service = requireNonNull(service, "service is null");
        this.cache = new TokenCache(config.tokenCacheTime(), CACHE_ENTRIES, clock);
        this.isAdmin = requireNonNull(isAdmin, "isAdmin is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.rejectHeader = "Keystone uri=\"" + config.wwwAuthenticateUri() + "\"";
        this.withCatalog = config.includeServiceCatalog();
    }

    /**
     * @throws org.glancej.keystone.KeystoneUnavailableException when Keystone cannot be asked, refuses the service
     *     user, or answers oddly
     */
    @Override
    public RequestContext authenticate(Optional<String> header) {
        String token = header.map(String::strip).filter(KeystoneAuthenticator::plausible)
                .orElseThrow(this::unauthorized);
        Optional<TokenCache.Entry> cached = cache.get(token);
        Optional<KeystoneToken> result = cached.isPresent() ? cached.get().token()
                : service.validate(token, withCatalog);
        if (cached.isEmpty()) {
            cache.put(token, result);
        }
        KeystoneToken valid = result.filter(t -> clock.instant().isBefore(t.expiresAt()))
                .orElseThrow(this::unauthorized);
        return new RequestContext(token, valid.userId(), valid.userName(), valid.userDomainId(), valid.projectId(),
                valid.projectName(), valid.projectDomainId(), valid.domainId(), valid.systemScope(), valid.roles(),
                isAdmin.test(valid), valid.catalog());
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
