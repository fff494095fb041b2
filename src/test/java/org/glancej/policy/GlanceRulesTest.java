package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Our table of Glance's rules against upstream's registered defaults (resources policy/upstream). */
class GlanceRulesTest {

    @Test
    void everyRuleMatchesUpstreamsRegistrationExactly() throws IOException {
        List<RuleDefault> upstream = new ArrayList<>();
        for (JsonNode rule : UpstreamCheckCorpusTest.read("/policy/upstream/defaults.json")) {
            upstream.add(new RuleDefault(rule.get("name").asText(), rule.get("check").asText(),
                    Optional.ofNullable(rule.get("deprecated").isNull() ? null : rule.get("deprecated").asText()),
                    strings(rule.get("scope_types")), strings(rule.get("operations"))));
        }

        assertThat(GlanceRules.defaults()).hasSize(67).containsExactlyElementsOf(upstream);
    }

    @Test
    void everyDefaultParses() {
        for (RuleDefault rule : GlanceRules.defaults()) {
            assertThat(CheckParser.parse(rule.check())).as(rule.name()).isNotInstanceOf(Check.Never.class);
            rule.deprecatedCheck().ifPresent(legacy ->
                    assertThat(CheckParser.parse(legacy)).as(rule.name()).isNotInstanceOf(Check.Never.class));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
