package org.glancej.policy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.policy.Personas.ADMIN;
import static org.glancej.policy.Personas.MEMBER;
import static org.glancej.policy.Personas.OTHER;
import static org.glancej.policy.Personas.READER;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glancej.common.GlanceException;
import org.junit.jupiter.api.Test;

/** Image creation, visibility changes and legacy owner checks, with upstream's messages. */
class ImagePolicyTest {
    private static final ImagePolicy IMAGES = new ImagePolicy(PolicyEnforcer.load(PolicyConfig.defaults()));
    private static final ImagePolicy LEGACY = new ImagePolicy(PolicyEnforcer.create(GlanceRules.defaults(), Map.of(),
            new PolicyConfig(Optional.empty(), List.of(), false, true, "default")));

    @Test
    void membersCreateImagesForTheirOwnProject() {
        assertThatCode(() -> IMAGES.enforceCreate(null, null, MEMBER)).doesNotThrowAnyException();
        assertThatCode(() -> IMAGES.enforceCreate("p1", "community", MEMBER)).doesNotThrowAnyException();
        assertThatCode(() -> IMAGES.enforceCreate("p2", "public", ADMIN)).doesNotThrowAnyException();
    }

    @Test
    void askingForAnotherOwnerIsNamedInTheAnswer() {
        assertThatThrownBy(() -> IMAGES.enforceCreate("p2", null, MEMBER))
                .isInstanceOf(GlanceException.class)
                .hasMessage("You are not permitted to create images owned by 'p2'");
    }

    @Test
    void otherRefusalsNameTheRule() {
        assertThatThrownBy(() -> IMAGES.enforceCreate(null, null, READER))
                .hasMessage("You are not authorized to complete add_image action.");
        assertThatThrownBy(() -> IMAGES.enforceCreate(null, "public", MEMBER))
                .hasMessage("You are not authorized to complete publicize_image action.");
    }

    @Test
    void legacyDefaultsStillKeepOtherOwnersOut() {
        assertThatThrownBy(() -> LEGACY.enforceCreate("p2", null, MEMBER))
                .hasMessage("You are not permitted to create images owned by 'p2'.");
        assertThatCode(() -> LEGACY.enforceCreate(null, null, READER)).doesNotThrowAnyException();
    }

    @Test
    void legacyDefaultsRequireTheOwnerOrAnAdminToChangeAnImage() {
        assertThatThrownBy(() -> LEGACY.requireOwnerUnderLegacyDefaults("p1", OTHER))
                .hasMessage("You do not own this image");
        assertThatThrownBy(() -> LEGACY.requireOwnerUnderLegacyDefaults(null, MEMBER))
                .hasMessage("You do not own this image");
        assertThatCode(() -> LEGACY.requireOwnerUnderLegacyDefaults("p1", MEMBER)).doesNotThrowAnyException();
        assertThatCode(() -> LEGACY.requireOwnerUnderLegacyDefaults("p2", ADMIN)).doesNotThrowAnyException();
        assertThatCode(() -> IMAGES.requireOwnerUnderLegacyDefaults("p1", OTHER)).doesNotThrowAnyException();
    }
}
