package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trees the parser builds, shown in oslo.policy's canonical form: precedence, keywords, failures. */
class CheckParserTest {

    @ParameterizedTest(name = "[{0}] parses as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // precedence: not > and > or, left to right
            "a:1 or b:2 and c:3              | (a:1 or (b:2 and c:3))",
            "a:1 and b:2 or c:3              | ((a:1 and b:2) or c:3)",
            "a:1 or b:2 and c:3 and d:4      | (a:1 or (b:2 and c:3 and d:4))",
            "a:1 or b:2 or c:3 and d:4       | (a:1 or b:2 or (c:3 and d:4))",
            "not a:1 or b:2                  | (not a:1 or b:2)",
            "a:1 and not b:2 or c:3          | ((a:1 and not b:2) or c:3)",
            "not not a:1                     | not not a:1",
            "(a:1 or b:2) and c:3            | ((a:1 or b:2) and c:3)",
            "not (a:1 or b:2)                | not (a:1 or b:2)",
            "((role:x))                      | role:x",
            // upstream's unparenthesised get_member default
            "rule:context_is_admin or role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)"
                    + " | (rule:context_is_admin or (role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)))",
            // keywords ignore case, check kinds do not
            "role:A AND NOT role:b Or Role:c | ((role:A and not role:b) or Role:c)",
            // parentheses inside a check survive; those around it are peeled
            "(project_id:%(project_id)s)     | project_id:%(project_id)s",
            "('public':%(visibility)s)       | 'public':%(visibility)s",
            // special checks and the empty rule
            "@                               | @",
            "!                               | !",
            "``                              | @",
            // anything unparsable denies as a whole
            "`   `                           | !",
            "a:1 and                         | !",
            "and a:1                         | !",
            "a:1 b:2                         | !",
            "(a:1                            | !",
            "a:1)                            | !",
            "()                              | !",
            "not                             | !",
            "a:1 or 'quoted'                 | !",
            "'public':'public'               | !",
            // a check without a colon denies, alone
            "nocolon or a:1                  | (! or a:1)",
            "http://policy.example/%(id)s    | http://policy.example/%(id)s",
    })
    void parsesLikeOsloPolicy(String rule, String tree) {
        assertThat(CheckParser.parse(rule)).hasToString(tree);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "role:admin               | RoleCheck",
            "rule:default             | RuleReference",
            "project_id:%(owner)s     | GenericCheck",
            "http://pdp/check         | Remote",
            "https://pdp/check        | Remote",
    })
    void checkKindsAreRecognised(String rule, String type) {
        assertThat(CheckParser.parse(rule).getClass().getSimpleName()).isEqualTo(type);
    }

    @Test
    void listOfListsAndsInnerListsAndOrsOuterOnes() {
        assertThat(CheckParser.parseList(List.of())).hasToString("@");
        assertThat(CheckParser.parseList(List.of(List.of()))).hasToString("!");
        assertThat(CheckParser.parseList(List.of("role:a"))).hasToString("role:a");
        assertThat(CheckParser.parseList(List.of(List.of("role:a", "role:b"), List.of("role:c"))))
                .hasToString("((role:a and role:b) or role:c)");
        assertThat(CheckParser.parseList(List.of(List.of(), List.of("role:c")))).hasToString("role:c");
    }
}
