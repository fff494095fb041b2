package org.glancej.auth;

import java.util.Optional;

/** Turns the token a request carries (if any) into the caller's context, or refuses the request. */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param token the {@code X-Auth-Token} header, if sent
     * @throws org.glancej.common.GlanceException 401 when a token is required and missing or not valid
     * @throws org.glancej.keystone.KeystoneUnavailableException when the token cannot be checked now
     */
    RequestContext authenticate(Optional<String> token);

    /** No authentication: every request is the admin context (upstream's unauthenticated context). */
    static Authenticator none() {
        return token -> RequestContext.unauthenticatedAdmin();
    }
}
