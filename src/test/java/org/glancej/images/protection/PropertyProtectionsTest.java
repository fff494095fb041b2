package org.glancej.images.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.protection.PropertyOperation.CREATE;
import static org.glancej.images.protection.PropertyOperation.DELETE;
import static org.glancej.images.protection.PropertyOperation.READ;
import static org.glancej.images.protection.PropertyOperation.UPDATE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.config.ConfigException;
import org.glancej.images.protection.PropertyProtectionConfig.RuleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Roles-format protections, starting from the rules of upstream's shipped example file. */
class PropertyProtectionsTest {
    /** The sections of upstream's property-protections-roles.conf.sample. */
    static final String UPSTREAM_ROLES_EXAMPLE = """
            [^x_.*]
            create = admin,member,_member_
            read = admin,member,_member_
            update = admin,member,_member_
            delete = admin,member,_member_

            [.*]
            create = admin
            read = admin
            update = admin
            delete = admin
            """;

    static final RequestContext ADMIN = caller("admin");
    static final RequestContext MEMBER = caller("member", "reader");
    static final RequestContext READER = caller("reader");

    static RequestContext caller(String... roles) {
        return RequestContext.project("u", "p", List.of(roles), List.of(roles).contains("admin"));
    }

    static PropertyProtections roles(String text) {
        return PropertyProtections.parse("protections.conf", text, RuleFormat.ROLES, PolicyCheck.NONE);
    }

    static void assertReserved(Runnable call, String property) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlanceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
            assertThat(e.getMessage()).isEqualTo("Attribute '" + property + "' is reserved.");
        });
    }

    @Test
    void upstreamExampleLetsMembersManageXPropertiesAndOnlyAdminsTheRest() {
        PropertyProtections protections = roles(UPSTREAM_ROLES_EXAMPLE);

        for (PropertyOperation op : PropertyOperation.values()) {
            assertThat(protections.allows(MEMBER, "x_billing_code", op)).isTrue();
            assertThat(protections.allows(ADMIN, "x_billing_code", op)).isTrue();
            assertThat(protections.allows(READER, "x_billing_code", op)).isFalse();
            assertThat(protections.allows(MEMBER, "os_distro", op)).isFalse();
            assertThat(protections.allows(ADMIN, "os_distro", op)).isTrue();
        }
    }

    @Test
    void readingDropsWhatTheCallerMayNotReadAndKeepsTheOrder() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("x_b", "1");
        properties.put("os_distro", "cirros");
        properties.put("x_a", "2");

        assertThat(roles(UPSTREAM_ROLES_EXAMPLE).readableProperties(MEMBER, properties))
                .containsExactly(Map.entry("x_b", "1"), Map.entry("x_a", "2"));
        assertThat(roles(UPSTREAM_ROLES_EXAMPLE).readableProperties(ADMIN, properties)).isEqualTo(properties);
    }

    @Test
    void refusedCreateUpdateAndDeleteAre403WithUpstreamsMessage() {
        PropertyProtections protections = roles(UPSTREAM_ROLES_EXAMPLE);

        assertReserved(() -> protections.checkCreate(MEMBER, "os_distro"), "os_distro");
        assertReserved(() -> protections.checkUpdate(READER, "x_foo"), "x_foo");
        assertReserved(() -> protections.checkDelete(MEMBER, "hw_disk_bus"), "hw_disk_bus");
        assertThatCode(() -> protections.checkCreate(MEMBER, "x_foo")).doesNotThrowAnyException();
    }

    @Test
    void aPropertyNoSectionMatchesIsDeniedToEveryone() {
        PropertyProtections protections = roles("""
                [^x_]
                create = admin
                read = admin
                update = admin
                delete = admin
                """);

        assertThat(protections.allows(ADMIN, "os_distro", READ)).isFalse();
        assertThat(protections.allows(ADMIN, "x_foo", READ)).isTrue();
    }

    @Test
    void firstMatchingSectionDecidesAndPatternsAreSearchedNotAnchored() {
        PropertyProtections protections = roles("""
                [foo_matcher]
                create = admin
                read = admin
                update = admin
                delete = admin

                [foo_*]
                create = @
                read = @
                update = @
                delete = @
                """);

        assertThat(protections.allows(MEMBER, "x_foo_matcher_2", CREATE)).isFalse();
        assertThat(protections.allows(MEMBER, "x_foo_other", CREATE)).isTrue();
        assertThat(protections.allows(MEMBER, "foo", CREATE)).isTrue(); // a regex: "foo", then any underscores
        assertThat(protections.allows(MEMBER, "fo", CREATE)).isFalse();
    }

    @Test
    void atMeansEveryoneBangMeansNobodyAndEmptyMeansNobody() {
        PropertyProtections protections = roles("""
                [^open]
                create = @
                read = @
                update = @
                delete = @
                [^locked]
                create = admin,member
                read = admin,member
                update = admin,!
                delete =
                [^mixed]
                create = admin,@
                read = admin
                update = admin
                delete = admin
                """);
        RequestContext noRoles = caller();

        assertThat(protections.allows(noRoles, "open_x", CREATE)).isTrue();
        assertThat(protections.allows(ADMIN, "locked_x", READ)).isTrue();
        assertThat(protections.allows(ADMIN, "locked_x", UPDATE)).isFalse();
        assertThat(protections.allows(ADMIN, "locked_x", DELETE)).isFalse();
        assertThat(protections.allows(noRoles, "mixed_x", CREATE)).isTrue();
    }

    @Test
    void rolesMatchIgnoringCaseAndSurroundingSpaces() {
        PropertyProtections protections = roles("""
                [^test_prop]
                create = Member ,fake-role
                read = fake-role,   MEMBER
                update = admin
                delete = admin
                """);

        assertThat(protections.allows(MEMBER, "test_prop_1", CREATE)).isTrue();
        assertThat(protections.allows(MEMBER, "test_prop_1", READ)).isTrue();
        assertThat(protections.allows(caller("fake-role"), "test_prop_1", READ)).isTrue();
    }

    @Test
    void glancesOwnNamespaceIsAlwaysWritableAndCannotBeRedefined() {
        PropertyProtections protections = roles("""
                [os_glance_import_task]
                create = !
                read = !
                update = !
                delete = !
                [.*]
                create = !
                read = !
                update = !
                delete = !
                """);

        for (PropertyOperation op : PropertyOperation.values()) {
            assertThat(protections.allows(caller(), "os_glance_import_task", op)).isTrue();
            assertThat(protections.allows(ADMIN, "os_distro", op)).isFalse();
        }
    }

    @Test
    void settingAnUnreadableExistingPropertyNeedsCreatePermission() {
        PropertyProtections protections = roles("""
                [^secret]
                create = member
                read = admin
                update = admin
                delete = admin
                [^visible]
                create = admin
                read = member,auditor
                update = member
                delete = admin
                """);
        Map<String, String> current = Map.of("secret", "s", "visible", "v");

        assertThatCode(() -> protections.checkSet(MEMBER, "secret", current)).doesNotThrowAnyException();
        assertThatCode(() -> protections.checkSet(MEMBER, "visible", current)).doesNotThrowAnyException();
        assertReserved(() -> protections.checkSet(MEMBER, "visible", Map.of()), "visible");
        assertReserved(() -> protections.checkSet(caller("auditor"), "visible", current), "visible");
    }

    @Test
    void disabledProtectionsAllowEverything() {
        PropertyProtections off = PropertyProtections.disabled();
        Map<String, String> properties = Map.of("anything", "1");

        assertThat(off.isEnabled()).isFalse();
        assertThat(off.allows(caller(), "anything", DELETE)).isTrue();
        assertThat(off.readableProperties(caller(), properties)).isEqualTo(properties);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[^[0-9)]\ncreate = a\nread = a\nupdate = a\ndelete = a\n",
            "[^[0-9]]\ncreate = a\nupdate = a\ndelete = a\n",
            "[^[0-9]]\ncreate = a\nrade = a\nupdate = a\ndelete = a\n",
            "[.*]\ncreate = @,!\nread = a\nupdate = a\ndelete = a\n",
            "[.*]\ncreate = @\nread = a\nupdate = a\ndelete = a\n[.*]\ncreate = @\nread = a\nupdate = a\ndelete = a\n",
    })
    void invalidFilesStopStartup(String text) {
        assertThatThrownBy(() -> roles(text)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("protections.conf");
    }
}
