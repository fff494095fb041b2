package org.glancej.images.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.glancej.images.request.ImagePatchParseTest.V20;
import static org.glancej.images.request.ImagePatchParseTest.V21;
import static org.glancej.images.request.Json.SCHEMA;
import static org.glancej.images.request.Json.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.glancej.images.Image;
import org.glancej.images.ImageStatus;
import org.glancej.images.Visibility;
import org.junit.jupiter.api.Test;

/** Where a patch asks its {@link PatchPermissions} hooks, and how an unreadable property behaves. */
class ImagePatchHooksTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Image IMAGE = new Image("0b2f6b8c-6f4a-4a61-9c5e-3f8a1b2c3d4e", "n", ImageStatus.QUEUED,
            Visibility.SHARED, false, false, null, null, null, "p1", null, null, "raw", "bare", 0, 0, T0, T0,
            Map.of("seen", "1", "hidden", "2"), List.of(), List.of());

    /** Records every hook call; cannot read "hidden"; refuses whatever is in {@code refused}. */
    private static final class Recorder implements PatchPermissions {
        final List<String> calls = new ArrayList<>();
        final List<String> refused = new ArrayList<>();

        @Override
        public boolean isAdmin() {
            return false;
        }

        @Override
        public boolean canRead(String property) {
            return !property.equals("hidden");
        }

        @Override
        public void checkSetProperty(String property, boolean visible) {
            record((visible ? "update " : "create ") + property);
        }

        @Override
        public void checkRemoveProperty(String property) {
            record("delete " + property);
        }

        @Override
        public void checkTags(int sent) {
            record("tags " + sent);
        }

        private void record(String call) {
            calls.add(call);
            if (refused.contains(call)) {
                throw GlanceException.forbidden("refused " + call);
            }
        }
    }

    private final Recorder hooks = new Recorder();

    private Image apply(String contentType, String body) {
        return ImagePatch.parse(contentType, json(body), SCHEMA).apply(IMAGE, hooks);
    }

    @Test
    void settingAReadablePropertyIsAnUpdateAndANewOneACreate() {
        Image after = apply(V21, "[{'op': 'replace', 'path': '/seen', 'value': 'a'},"
                + " {'op': 'add', 'path': '/seen', 'value': 'b'}, {'op': 'add', 'path': '/fresh', 'value': 'c'},"
                + " {'op': 'remove', 'path': '/seen'}]");

        assertThat(hooks.calls).containsExactly("update seen", "update seen", "create fresh", "delete seen");
        assertThat(after.properties()).containsOnly(Map.entry("hidden", "2"), Map.entry("fresh", "c"));
    }

    @Test
    void anUnreadablePropertyLooksAbsent() {
        assertConflict(V21, "[{'op': 'replace', 'path': '/hidden', 'value': 'x'}]", "Property hidden does not exist.");
        assertConflict(V21, "[{'op': 'remove', 'path': '/hidden'}]", "Property hidden does not exist.");
        assertThat(hooks.calls).isEmpty();

        // adding it needs create permission, and v2.0's "already present" does not apply
        assertThat(apply(V20, "[{'add': '/hidden', 'value': 'x'}]").properties()).containsEntry("hidden", "x");
        assertThat(hooks.calls).containsExactly("create hidden");
    }

    @Test
    void aRefusedOperationLeavesNothingApplied() {
        hooks.refused.add("delete seen");
        ImagePatch patch = ImagePatch.parse(V21, json("[{'op': 'add', 'path': '/fresh', 'value': 'c'},"
                + " {'op': 'remove', 'path': '/seen'}]"), SCHEMA);

        assertThatThrownBy(() -> patch.apply(IMAGE, hooks)).hasMessage("refused delete seen");
        assertThat(IMAGE.properties()).containsOnlyKeys("seen", "hidden");
    }

    @Test
    void tagsAreCheckedAsSentBeforeTheyAreSet() {
        Image after = apply(V21, "[{'op': 'replace', 'path': '/tags', 'value': ['a', 'a', 'b']},"
                + " {'op': 'add', 'path': '/tags', 'value': []}]");

        assertThat(hooks.calls).containsExactly("tags 3", "tags 0");
        assertThat(after.tags()).isEmpty();
    }

    @Test
    void v20AddOfTagsConflictsBeforeTheQuotaIsAsked() {
        assertConflict(V20, "[{'add': '/tags', 'value': ['a']}]", "Property tags already present.");
        assertThat(hooks.calls).isEmpty();
    }

    private void assertConflict(String contentType, String body, String message) {
        ImagePatch patch = ImagePatch.parse(contentType, json(body), SCHEMA);
        assertThatThrownBy(() -> patch.apply(IMAGE, hooks))
                .isInstanceOfSatisfying(GlanceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
                .hasMessage(message);
    }
}
