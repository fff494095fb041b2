package org.glancej.metadefs.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.glancej.metadefs.files.NamespaceDefinition.ObjectDefinition;
import org.glancej.metadefs.files.NamespaceDefinition.ResourceTypeAssociation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionExporterTest {
    @TempDir
    Path dir;

    private final InMemoryDefinitions db = new InMemoryDefinitions();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void exportedFilesLoadBackToTheSameDefinitions() throws IOException {
        NamespaceDefinition full = new NamespaceDefinition("Test::Full", "CPU Pinning", "Café", "public", true,
                "project-1", List.of(new ResourceTypeAssociation("OS::Glance::Image", "hw_", null),
                        new ResourceTypeAssociation("OS::Cinder::Volume", "hw_", "image")),
                Map.of("cpu_policy", "{\"type\": \"string\", \"enum\": [\"shared\", \"dedicated\"]}"),
                List.of(new ObjectDefinition("obj", null, "{\"x\": {\"type\": \"integer\"}}"),
                        new ObjectDefinition("bare", "no properties", "null")),
                List.of("t1", "t2"));
        NamespaceDefinition bare = new NamespaceDefinition("Test::Bare", null, null, null, null, "admin",
                List.of(), Map.of(), List.of(), List.of());
        db.putNamespace(full, false);
        full.resourceTypeAssociations().forEach(a -> db.putAssociation("Test::Full", a, false));
        full.properties().forEach((name, schema) -> db.putProperty("Test::Full", name, schema, false));
        full.objects().forEach(o -> db.putObject("Test::Full", o, false));
        full.tags().forEach(t -> db.putTag("Test::Full", t, false));
        db.putNamespace(bare, false);

        assertThat(exporter().export(dir)).isZero();

        assertThat(files()).containsExactly("CPUPinning.json", "TestBare.json");
        DefinitionReader reader = new DefinitionReader();
        assertThat(reader.read(dir.resolve("CPUPinning.json"))).isEqualTo(full);
        assertThat(reader.read(dir.resolve("TestBare.json"))).isEqualTo(bare);
        assertThat(Files.readString(dir.resolve("CPUPinning.json"))).startsWith("""
                {
                    "namespace": "Test::Full",
                    "display_name": "CPU Pinning",
                    "description": "Café",
                    "visibility": "public",
                    "protected": true,
                    "owner": "project-1",
                    "resource_type_associations": [
                        {
                            "name": "OS::Glance::Image",
                            "prefix": "hw_",
                            "properties_target": null
                        },
                """);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "Namespace Test::Full saved in " + dir.resolve("CPUPinning.json") + "\n"
                        + "Namespace Test::Bare saved in " + dir.resolve("TestBare.json") + "\n");
    }

    @Test
    void fileNamesAreTheDisplayNameWithoutNonWordCharactersAndNeverCollide() {
        Set<String> used = new HashSet<>();

        assertThat(DefinitionExporter.fileName(named("Ns::A", "Guest Shutdown_Behavior (v2)"), used))
                .isEqualTo("GuestShutdownBehaviorv2.json");
        assertThat(DefinitionExporter.fileName(named("Ns::B", "Guest shutdown behavior v2"), used))
                .isEqualTo("Guestshutdownbehaviorv2-2.json");
        assertThat(DefinitionExporter.fileName(named("Ns::C", "Guest-Shutdown-Behavior-v2"), used))
                .isEqualTo("GuestShutdownBehaviorv2-3.json");
        assertThat(DefinitionExporter.fileName(named("OS::Été", "::"), used)).isEqualTo("OSÉté.json");
        assertThat(DefinitionExporter.fileName(named("::", null), used)).isEqualTo("namespace.json");
    }

    @Test
    void anExistingFileIsReplacedAndAMissingDirectoryRefused() throws IOException {
        db.putNamespace(named("Test::A", "A"), false);
        Files.writeString(dir.resolve("A.json"), "old");

        assertThat(exporter().export(dir)).isZero();
        assertThat(exporter().export(dir.resolve("missing"))).isEqualTo(1);

        assertThat(new DefinitionReader().read(dir.resolve("A.json")).namespace()).isEqualTo("Test::A");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Overwriting: " + dir.resolve("A.json") + "\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ERROR: " + dir.resolve("missing") + " is not a directory\n");
    }

    private DefinitionExporter exporter() {
        return new DefinitionExporter(db, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static NamespaceDefinition named(String namespace, String displayName) {
        return new NamespaceDefinition(namespace, displayName, null, null, null, "admin", List.of(), Map.of(), List.of(), List.of());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
