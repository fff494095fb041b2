package org.glancej.images.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.protection.PropertyOperation.CREATE;
import static org.glancej.images.protection.PropertyOperation.DELETE;
import static org.glancej.images.protection.PropertyOperation.READ;

import java.util.ArrayList;
import java.util.List;
import org.glancej.auth.RequestContext;
import org.glancej.config.ConfigException;
import org.glancej.images.protection.PropertyProtectionConfig.RuleFormat;
import org.junit.jupiter.api.Test;

/** Policies-format protections, starting from the rules of upstream's shipped example file. */
class PolicyProtectionsTest {
    /** The sections of upstream's property-protections-policies.conf.sample. */
    private static final String UPSTREAM_POLICIES_EXAMPLE = """
            [^x_.*]
            create = default
            read = default
            update = default
            delete = default

            [.*]
            create = context_is_admin
            read = context_is_admin
            update = context_is_admin
            delete = context_is_admin
            """;

    private final List<String> evaluated = new ArrayList<>();

    /** A stand-in policy file: "default" allows everyone, "context_is_admin" the admin role, others nobody. */
    private final PolicyCheck policies = (rule, ctx) -> {
        evaluated.add(rule);
        return switch (rule) {
            case "default" -> true;
            case "context_is_admin" -> ctx.hasRole("admin");
            default -> false;
        };
    };

    private PropertyProtections parse(String text) {
        return PropertyProtections.parse("protections.conf", text, RuleFormat.POLICIES, policies);
    }

    @Test
    void eachOperationEvaluatesItsNamedRule() {
        PropertyProtections protections = parse(UPSTREAM_POLICIES_EXAMPLE);
        RequestContext member = PropertyProtectionsTest.MEMBER;

        assertThat(protections.allows(member, "x_owner", CREATE)).isTrue();
        assertThat(protections.allows(member, "os_distro", READ)).isFalse();
        assertThat(protections.allows(PropertyProtectionsTest.ADMIN, "os_distro", DELETE)).isTrue();
        assertThat(evaluated).containsExactly("default", "context_is_admin", "context_is_admin");
    }

    @Test
    void atAndBangDecideWithoutThePolicyFile() {
        PropertyProtections protections = parse("""
                [^x_]
                create = @
                read = !
                update = undefined_rule
                delete =
                """);

        assertThat(protections.allows(PropertyProtectionsTest.READER, "x_a", CREATE)).isTrue();
        assertThat(protections.allows(PropertyProtectionsTest.ADMIN, "x_a", READ)).isFalse();
        assertThat(protections.allows(PropertyProtectionsTest.ADMIN, "x_a", DELETE)).isFalse();
        assertThat(evaluated).isEmpty();
        assertThat(protections.allows(PropertyProtectionsTest.ADMIN, "x_a", PropertyOperation.UPDATE)).isFalse();
        assertThat(evaluated).containsExactly("undefined_rule");
    }

    @Test
    void severalPoliciesForOneOperationStopStartup() {
        assertThatThrownBy(() -> parse("[.*]\ncreate = a,b\nread = a\nupdate = a\ndelete = a\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[.*]: create = a,b: one policy per operation");
    }
}
