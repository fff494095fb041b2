package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How checks compare credentials with the target: substitution, literals, case, missing keys, errors. */
class CheckEvaluationTest {
    private static final Credentials MEMBER = new Credentials("u1", "dom", "p1", "dom", null, null,
            List.of("member", "reader"));
    private static final PolicyEnforcer RULES = PolicyEnforcer.create(List.of(
            RuleDefault.base("default", "role:admin"),
            RuleDefault.base("yes", "@"),
            RuleDefault.base("owner", "project_id:%(project_id)s")), Map.of(), PolicyConfig.defaults());

    private static PolicyTarget target() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("project_id", "p1");
        values.put("owner", "p2");
        values.put("member_id", null);
        values.put("visibility", "public");
        values.put("role", "MEMBER");
        values.put("flag", true);
        values.put("min_ram", 512);
        values.put("a.b", "p1");
        values.put("user", "u1");
        return PolicyTarget.of(values);
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // %(key)s takes the target's value; the left side is a credential
            "project_id:%(project_id)s         | true",
            "project_id:%(owner)s              | false",
            "user_id:%(user)s                  | true",
            "user_domain_id:dom                | true",
            // a key missing from the target fails the check, it is no error
            "project_id:%(absent)s             | false",
            "not project_id:%(absent)s         | true",
            // target keys are flat: %(a.b)s is the key 'a.b'
            "project_id:%(a.b)s                | true",
            // a literal left side is compared with the substituted right side
            "'public':%(visibility)s           | true",
            "\"public\":%(visibility)s         | true",
            "'shared':%(visibility)s           | false",
            "True:%(flag)s                     | true",
            "False:%(flag)s                    | false",
            "512:%(min_ram)s                   | true",
            "None:%(member_id)s                | true",
            // a null credential reads as Python's None
            "domain_id:None                    | true",
            // role: ignores case on both sides and may substitute too; roles: compares exactly
            "role:MEMBER                       | true",
            "role:%(role)s                     | true",
            "role:%(absent)s                   | false",
            "roles:member                      | true",
            "roles:Member                      | false",
            // is_admin is no credential upstream: never matches
            "is_admin:True                     | false",
            "is_admin_project:True             | true",
            // %% is a literal percent sign
            "project_id:%%(project_id)s        | false",
            // rule: refers to other rules; an unknown name means the default rule
            "rule:yes                          | true",
            "rule:owner                        | true",
            "rule:no_such_rule                 | false",
            // where oslo.policy would raise, the whole decision denies, even under not / or
            "not project_id:%(project_id)d     | false",
            "not project_id:50%                | false",
            "not roles.name:x                  | false",
            "not 2fa:x                         | false",
            "not http://pdp.invalid/check      | false",
            "rule:yes or http://pdp.invalid    | true",
    })
    void evaluatesLikeOsloPolicy(String rule, boolean allowed) {
        assertThat(RULES.allowedBy(CheckParser.parse(rule), target(), MEMBER)).isEqualTo(allowed);
    }
}
