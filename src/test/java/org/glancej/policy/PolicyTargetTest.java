package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.policy.Personas.MEMBER;
import static org.glancej.policy.Personas.OTHER;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The targets upstream builds: key aliases, the member key, and what may be added. */
class PolicyTargetTest {

    @Test
    void anImageTargetCarriesUpstreamsKeysAndAliases() {
        PolicyTarget target = PolicyTarget.image("i-1", "p1", "private", MEMBER).build();

        assertThat(target.asMap()).containsEntry("id", "i-1").containsEntry("image_id", "i-1")
                .containsEntry("owner", "p1").containsEntry("project_id", "p1")
                .containsEntry("visibility", "private");
        assertThat(target.contains("member_id")).isTrue();
        assertThat(target.value("member_id")).isNull();
    }

    @Test
    void theCallerIsTheMemberOfASharedImageItDoesNotOwn() {
        assertThat(PolicyTarget.image("i-1", "p1", "shared", OTHER).build().value("member_id")).isEqualTo("p2");
        assertThat(PolicyTarget.image("i-1", "p1", "shared", MEMBER).build().value("member_id")).isNull();
        assertThat(PolicyTarget.image("i-1", "p1", "public", OTHER).build().value("member")).isNull();
    }

    @Test
    void attributesAndExtraPropertiesAreAddedButCannotReplaceTheImagesIdentity() {
        PolicyTarget target = PolicyTarget.image("i-1", "p1", "private", MEMBER)
                .attribute("status", "active")
                .attribute("protected", false)
                .properties(Map.of("os_distro", "debian", "owner", "p9", "status", "spoofed"))
                .build();

        assertThat(target.asMap()).containsEntry("os_distro", "debian").containsEntry("owner", "p1")
                .containsEntry("status", "active").containsEntry("protected", false);
        assertThatThrownBy(() -> PolicyTarget.image("i-1", "p1", "private", MEMBER).attribute("owner", "p9"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProposedImageDefaultsToTheCallersProjectAndPrivate() {
        assertThat(PolicyTarget.newImage(null, null, MEMBER).asMap())
                .containsEntry("project_id", "p1").containsEntry("owner", "p1").containsEntry("visibility", "private");
        assertThat(PolicyTarget.newImage("p2", "public", MEMBER).asMap())
                .containsEntry("project_id", "p2").containsEntry("visibility", "public");
    }

    @Test
    void valuesOtherThanJsonLikeOnesAreRefused() {
        assertThatThrownBy(() -> PolicyTarget.of(Map.of("created_at", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("created_at");
    }
}
