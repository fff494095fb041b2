package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.glancej.auth.RequestContext;
import org.junit.jupiter.api.Test;

class InjectMetadataPluginTest {
    private static final StagedImage IMAGE = new StagedImage("id", Path.of("/nonexistent/id"), "raw", "bare");
    private final InjectMetadataPlugin plugin = new InjectMetadataPlugin(List.of("admin", "Service"),
            Map.of("hw_machine_type", "q35", "os_glance_import_task", "stolen", "os_glancefoo", "x"));

    @Test
    void injectsForCallersWithoutAnIgnoredRoleAndDropsTheReservedNamespace() {
        ImageChanges changes = plugin.apply(IMAGE, Samples.MEMBER, ImportProgress.NONE);

        assertThat(changes.extraProperties()).isEqualTo(Map.of("hw_machine_type", "q35"));
        assertThat(changes.dataReplaced()).isFalse();
        assertThat(changes.diskFormat()).isEmpty();
    }

    @Test
    void callersWithAnIgnoredRoleGetNothing() {
        assertThat(plugin.apply(IMAGE, Samples.ADMIN, ImportProgress.NONE)).isEqualTo(ImageChanges.NONE);
        // roles compare without case: the request context lower-cases them
        RequestContext service = RequestContext.project("nova", "p", List.of("SERVICE"), false);
        assertThat(plugin.apply(IMAGE, service, ImportProgress.NONE)).isEqualTo(ImageChanges.NONE);
    }

    @Test
    void nothingToInjectChangesNothing() {
        assertThat(new InjectMetadataPlugin(List.of("admin"), Map.of()).apply(IMAGE, Samples.MEMBER, ImportProgress.NONE))
                .isEqualTo(ImageChanges.NONE);
    }
}
