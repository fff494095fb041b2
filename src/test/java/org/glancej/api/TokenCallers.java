package org.glancej.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.glancej.keystone.FakeKeystone;

/**
 * A fake Keystone knowing three callers of project p1 (an admin, a member, a reader) and the configuration that
 * makes a test server validate their tokens with it.
 */
final class TokenCallers {
    static final String ADMIN = "admin-token";
    static final String MEMBER = "member-token";
    static final String READER = "reader-token";

    private TokenCallers() {}

    static FakeKeystone keystone() {
        try {
            FakeKeystone keystone = new FakeKeystone();
            Instant later = Instant.now().plusSeconds(3600);
            keystone.tokens.put(ADMIN, new FakeKeystone.Token("u0", "p1", List.of("admin", "member", "reader"), later));
            keystone.tokens.put(MEMBER, new FakeKeystone.Token("u1", "p1", List.of("member", "reader"), later));
            keystone.tokens.put(READER, new FakeKeystone.Token("u2", "p1", List.of("reader"), later));
            return keystone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options that make a test server validate tokens with {@code keystone} (any fake, with any tokens). */
    static String config(FakeKeystone keystone) {
        return """
                [paste_deploy]
                flavor = keystone
                [keystone_authtoken]
                www_authenticate_uri = http://keystone.example:5000
                auth_url = %s
                auth_type = password
                project_domain_name = Default
                user_domain_name = Default
                project_name = service
                username = glance
                password = secret
                http_request_max_retries = 0
                """.formatted(keystone.url());
    }
}
