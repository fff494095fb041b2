package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every check string of upstream's reference corpus (see resources policy/upstream/capture.py)
 * for every persona and target, and compares with what oslo.policy itself decided. Where oslo.policy
 * raised (a 500 upstream) we must deny.
 */
class UpstreamCheckCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyVerdictMatchesOsloPolicy() throws IOException {
        JsonNode corpus = read("/policy/upstream/checks.json");
        Map<String, Credentials> personas = new LinkedHashMap<>();
        corpus.get("personas").properties().forEach(e -> personas.put(e.getKey(), credentials(e.getValue())));
        Map<String, PolicyTarget> targets = new LinkedHashMap<>();
        corpus.get("targets").properties().forEach(e -> targets.put(e.getKey(),
                PolicyTarget.of(JSON.convertValue(e.getValue(), Map.class))));
        List<RuleDefault> named = new ArrayList<>();
        corpus.get("rules").properties().forEach(e -> named.add(RuleDefault.base(e.getKey(), e.getValue().asText())));
        PolicyEnforcer enforcer = PolicyEnforcer.create(named, Map.of(), PolicyConfig.defaults());

        List<String> mismatches = new ArrayList<>();
        int verdicts = 0;
        for (JsonNode c : corpus.get("cases")) {
            String rule = c.get(0).asText();
            String grid = c.get(1).asText();
            Check check = CheckParser.parse(rule);
            int i = 0;
            for (var persona : personas.entrySet()) {
                for (var target : targets.entrySet()) {
                    boolean expected = grid.charAt(i++) == 'T';
                    boolean actual = enforcer.allowedBy(check, target.getValue(), persona.getValue());
                    verdicts++;
                    if (actual != expected) {
                        mismatches.add("'%s' as %s on %s: expected %s".formatted(rule, persona.getKey(),
                                target.getKey(), expected));
                    }
                }
            }
        }
        assertThat(verdicts).isGreaterThan(4000);
        assertThat(mismatches).isEmpty();
    }

    private static Credentials credentials(JsonNode p) {
        List<String> roles = new ArrayList<>();
        p.get("roles").forEach(r -> roles.add(r.asText()));
        return new Credentials(text(p, "user_id"), text(p, "user_domain_id"), text(p, "project_id"),
                text(p, "project_domain_id"), text(p, "domain_id"), text(p, "system_scope"), roles);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    static JsonNode read(String resource) throws IOException {
        try (InputStream in = UpstreamCheckCorpusTest.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }
}
