package org.glancej.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** What Keystone said about a token it validated (the {@code token} object of {@code GET /v3/auth/tokens}). */
public record ValidatedToken(String userId, String userName, String userDomainId, String projectId,
        String projectName, String projectDomainId, String domainId, String systemScope, List<String> roles,
        Instant expiresAt) {

    public ValidatedToken {
        roles = List.copyOf(roles);
    }

    /** Reads Keystone's v3 token body; throws {@link IllegalArgumentException} when it is not one. */
    static ValidatedToken fromJson(JsonNode body) {
        JsonNode token = body.path("token");
        JsonNode user = token.path("user");
        if (!user.path("id").isTextual()) {
            throw new IllegalArgumentException("no token.user.id in Keystone's answer");
        }
        JsonNode project = token.path("project");
        List<String> roles = new ArrayList<>();
        token.path("roles").forEach(role -> roles.add(role.path("name").asText()));
        String system = token.path("system").path("all").asBoolean(false) ? "all" : null;
        Instant expires;
        try {
            expires = Instant.parse(token.path("expires_at").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad token.expires_at in Keystone's answer", e);
        }
        return new ValidatedToken(user.path("id").asText(), text(user.path("name")),
                text(user.path("domain").path("id")), text(project.path("id")), text(project.path("name")),
                text(project.path("domain").path("id")), text(token.path("domain").path("id")), system, roles,
                expires);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
