package org.glancej.keystone;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.glancej.keystone.KeystoneUnavailableException.Reason;

/**
 * A Keystone token and what Keystone says about it (the {@code token} object of {@code /v3/auth/tokens}): the
 * service's own tokens and callers' validated tokens alike. Null components are absent from the token (a
 * project-scoped token has no domain or system scope). The id is a credential and never appears in
 * {@link #toString}.
 *
 * @param systemScope {@code all} for a system-scoped token
 * @param roles role names as Keystone gives them (implied roles included)
 * @param catalog empty when the token was issued or validated without one
 */
public record KeystoneToken(String id, Instant expiresAt, String userId, String userName, String userDomainId,
        String projectId, String projectName, String projectDomainId, String domainId, String systemScope,
        List<String> roles, String trustId, ServiceCatalog catalog) {

    public KeystoneToken {
        requireNonNull(id, "id is null");
        requireNonNull(expiresAt, "expiresAt is null");
        requireNonNull(userId, "userId is null");
        roles = List.copyOf(roles);
        requireNonNull(catalog, "catalog is null");
    }

    /** Whether the token stops being valid within {@code margin} of {@code now}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expiresAt);
    }

    /** Reads Keystone's v3 token body, or {@code BAD_ANSWER}. */
    static KeystoneToken fromJson(String id, JsonNode body) {
        JsonNode token = body.path("token");
        JsonNode user = token.path("user");
        if (!user.path("id").isTextual()) {
            throw new KeystoneUnavailableException(Reason.BAD_ANSWER, 0, "no token.user.id in Keystone's answer");
        }
        Instant expires;
        try {
            expires = Instant.parse(token.path("expires_at").asText());
        } catch (DateTimeParseException e) {
            throw new KeystoneUnavailableException(Reason.BAD_ANSWER,
                    "no readable token.expires_at in Keystone's answer: " + token.path("expires_at"), e);
        }
        JsonNode project = token.path("project");
        List<String> roles = new ArrayList<>();
        token.path("roles").forEach(role -> roles.add(role.path("name").asText()));
        String system = token.path("system").path("all").asBoolean(false) ? "all" : null;
        return new KeystoneToken(id, expires, user.path("id").asText(), text(user.path("name")),
                text(user.path("domain").path("id")), text(project.path("id")), text(project.path("name")),
                text(project.path("domain").path("id")), text(token.path("domain").path("id")), system, roles,
                text(token.path("OS-TRUST:trust").path("id")), ServiceCatalog.fromJson(token.path("catalog")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    @Override
    public String toString() {
        return "KeystoneToken[user=" + userId + ", project=" + projectId + ", domain=" + domainId + ", system="
                + systemScope + ", roles=" + roles + ", expiresAt=" + expiresAt + "]";
    }
}
